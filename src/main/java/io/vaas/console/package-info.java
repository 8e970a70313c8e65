/**
 * The operator console: the OpenAPI documents behind Swagger UI (an operator and an agent
 * group, each with its start page), every operation's description and working examples
 * from one catalogue, and the settings that keep the page safe (persistent authorization,
 * Swagger UI on or off, the token field masked).
 */
@ApplicationModule(allowedDependencies = { "shared" })
@NullMarked
package io.vaas.console;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
