package io.vaas.delivery;

import java.time.Instant;

import io.vaas.bundle.output.RenderedBundle;
import org.jspecify.annotations.Nullable;

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
 * @param freshUntil when files made for the session (a certificate) are due to be made
 * again, or null when nothing in it is
 */
public record Fetched(String bundle, long revision, RenderedBundle files, String signature, long renderedAt,
		@Nullable Instant freshUntil) {

	/** Whether files made for the session are due to be made again at {@code now}. */
	public boolean staleAt(Instant now) {
		return freshUntil != null && !now.isBefore(freshUntil);
	}

}
