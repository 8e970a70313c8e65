/**
 * What a bundle renders to: the {@code /con} areas, the rendered files and the bundle
 * digest. The renderer produces them; seeds (areas) and agent delivery read them through
 * the named interface {@code bundle :: output}.
 */
@NullMarked
@NamedInterface("output")
package io.vaas.bundle.output;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
