/**
 * Key management: the master key, the key-encryption keys (KEKs) it protects, wrapping
 * and unwrapping of data keys, and KEK rotation. Other modules store wrapped data keys
 * and expose them through {@link io.vaas.keys.WrappedKeyStore} so a rotation can re-wrap
 * them.
 */
@ApplicationModule(allowedDependencies = { "audit", "operator", "shared" })
@NullMarked
package io.vaas.keys;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
