/**
 * Agent sessions: the RFC 8693 exchange of a seed for a short-lived signed access token,
 * renewal up to a session's maximum lifetime, revocation that reaches every replica
 * within seconds, interception detection, and the signing keys published as JWKS.
 */
@ApplicationModule(allowedDependencies = { "audit", "bundle :: output", "bundle :: rendering", "keys", "operator",
		"seed", "shared" })
@NullMarked
package io.vaas.session;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
