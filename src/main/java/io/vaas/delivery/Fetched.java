package io.vaas.delivery;

import io.vaas.bundle.output.RenderedBundle;

/**
 * A bundle rendered for an agent.
 *
 * @param bundle {@code namespace/name}
 * @param revision the bundle revision rendered
 * @param files the rendered files and their digest
 * @param signature a compact JWS (ES256, key in the JWKS) over {@code bundle},
 * {@code revision} and {@code digest}
 * @param renderedAt {@link System#nanoTime()} when the render began: data read from the
 * database after that moment may be in it
 */
public record Fetched(String bundle, long revision, RenderedBundle files, String signature, long renderedAt) {

}
