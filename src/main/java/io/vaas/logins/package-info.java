/**
 * PostgreSQL logins made per session (SPEC §7.3): a role per session and database entry,
 * made on the operator's server with the entry's statements and the admin password from a
 * secret of the namespace, dropped when the session ends, is revoked or the login
 * expires, by a reaper that runs on one replica at a time (a PostgreSQL advisory lock).
 * Delivery puts a session's file ({@link io.vaas.logins.DatabaseLogins}) in place of the
 * placeholder a render holds.
 */
@ApplicationModule(
		allowedDependencies = { "audit", "bundle :: output", "keys", "secret :: plaintext", "session", "shared" })
@NullMarked
package io.vaas.logins;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
