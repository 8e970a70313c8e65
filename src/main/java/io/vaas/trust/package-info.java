/**
 * Trusts: which workload identities (OIDC or Kubernetes service-account tokens of one
 * issuer, for some audiences, subjects and claims) an operator lets exchange their token
 * for a session on one bundle (SPEC 7.1), and the exchange of such a token: a
 * {@code session} credential method, with the issuers' keys fetched and cached.
 */
@ApplicationModule(allowedDependencies = { "audit", "bundle", "bundle :: output", "operator", "session", "shared" })
@NullMarked
package io.vaas.trust;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
