/**
 * Agent sessions: the exchange of a credential (a seed, a key seed's assertion, or
 * through the trust module an identity token) for a short-lived signed access token,
 * renewal up to a session's maximum lifetime, revocation that reaches every replica
 * within a second, interception detection, and the signing keys published as JWKS. What a
 * session fetches is the {@code delivery} module's.
 */
@ApplicationModule(allowedDependencies = { "audit", "bundle :: output", "keys", "operator", "seed", "shared" })
@NullMarked
package io.vaas.session;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
