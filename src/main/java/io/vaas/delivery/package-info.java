/**
 * Bundle delivery to agents: {@code GET /api/v1/agent/bundle} as a JSON manifest or a tar
 * with its digest as ETag, the {@code ?wait=} long-poll woken by the change feed (in
 * process, and across replicas by PostgreSQL {@code LISTEN/NOTIFY}), renders cached per
 * namespace generation with the last good one kept, and the digests agents applied.
 * Access tokens and sessions are the {@code session} module's.
 */
@ApplicationModule(
		allowedDependencies = { "bundle :: output", "bundle :: rendering", "logins", "pki", "session", "shared" })
@NullMarked
package io.vaas.delivery;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
