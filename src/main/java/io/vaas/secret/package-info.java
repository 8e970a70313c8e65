/**
 * Secrets: values with immutable versions, encrypted at rest with envelope encryption,
 * write-only unless revealed (audited), destroyable by deleting a version's data key.
 */
@ApplicationModule(allowedDependencies = { "audit", "keys", "namespace", "operator", "shared" })
@NullMarked
package io.vaas.secret;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
