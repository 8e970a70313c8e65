/**
 * Configs: named JSON objects in a namespace with immutable versions, optimistic
 * concurrency, history, diff and rollback.
 */
@NullMarked
package io.vaas.config;

import org.jspecify.annotations.NullMarked;
