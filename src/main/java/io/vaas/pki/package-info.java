/**
 * Certificates made per session (SPEC §7.3): the server's root CA, an intermediate per
 * namespace, a leaf per session and certificate entry, the trust bundle at {@code GET
 * /api/v1/namespaces/{ns}/ca} and rotation with overlap. Delivery puts a session's files
 * ({@link io.vaas.pki.SessionCertificates}) in place of the placeholders a render holds.
 */
@ApplicationModule(allowedDependencies = { "audit", "bundle :: output", "keys", "namespace", "operator", "shared" })
@NullMarked
package io.vaas.pki;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
