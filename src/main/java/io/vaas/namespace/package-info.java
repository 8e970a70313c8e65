/**
 * Namespaces: the tenant and permission boundary that configs, secrets and bundles live
 * in.
 */
@ApplicationModule(allowedDependencies = { "audit", "operator", "shared" })
@NullMarked
package io.vaas.namespace;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
