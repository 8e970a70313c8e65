/**
 * Seeds: one-time bootstrap credentials for one bundle, shown once, stored as a hash,
 * consumed atomically when an agent exchanges them.
 */
@ApplicationModule(allowedDependencies = { "audit", "bundle", "bundle :: output", "operator", "shared" })
@NullMarked
package io.vaas.seed;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
