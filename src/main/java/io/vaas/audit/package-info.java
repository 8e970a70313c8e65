/**
 * The audit log: an append-only, hash-chained record of every change, reveal, key
 * operation and refusal, written in the same transaction as what it records. Never holds
 * a secret value.
 */
@ApplicationModule(allowedDependencies = { "operator", "shared" })
@NullMarked
package io.vaas.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
