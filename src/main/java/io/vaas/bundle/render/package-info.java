/**
 * Turning a bundle revision into files: entry rules, path rules, templates (Pebble,
 * strict and sandboxed), config formats, {@code ENV} files, and the bundle digest.
 */
@NullMarked
package io.vaas.bundle.render;

import org.jspecify.annotations.NullMarked;
