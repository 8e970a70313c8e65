/**
 * Configs: named JSON objects in a namespace with immutable versions, optimistic
 * concurrency, history, diff and rollback.
 */
@ApplicationModule(allowedDependencies = { "audit", "namespace", "operator", "shared" })
@NullMarked
package io.vaas.config;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
