/**
 * Rules and plumbing used by two or more modules: names, token format, problem details,
 * request limits. Knows no other module.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package io.vaas.shared;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
