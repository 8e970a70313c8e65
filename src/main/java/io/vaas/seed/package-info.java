/**
 * Seeds: bootstrap credentials for one bundle. A token seed is shown once, stored as a
 * hash, consumed atomically when an agent exchanges it; a key seed (SPEC 7.2) is a public
 * key whose holder signs assertions until it expires or is revoked, each {@code jti}
 * once.
 */
@ApplicationModule(allowedDependencies = { "audit", "bundle", "bundle :: output", "operator", "shared" })
@NullMarked
package io.vaas.seed;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
