/**
 * Operators: bearer operator tokens with roles per namespace, the bootstrap admin, and
 * the {@link io.vaas.operator.Access} checks every endpoint makes.
 */
@ApplicationModule(allowedDependencies = { "shared" })
@NullMarked
package io.vaas.operator;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
