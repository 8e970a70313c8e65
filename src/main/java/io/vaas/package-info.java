/**
 * vaas: Volume as a Service for the {@code /con} container interface.
 */
@NullMarked
package io.vaas;

import org.jspecify.annotations.NullMarked;
