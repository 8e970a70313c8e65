package io.vaas.session;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An access token whose signature, issuer, audience, expiry and session were checked.
 *
 * @param sessionId the session ({@code sub})
 * @param namespace the bundle's namespace
 * @param bundle the bundle's name
 * @param areas the areas it may fetch
 * @param expiresAt its expiry
 */
public record VerifiedToken(UUID sessionId, String namespace, String bundle, List<String> areas, Instant expiresAt) {

	/** {@code namespace/bundle}, as in the {@code bundle} claim. */
	public String qualifiedBundle() {
		return namespace + "/" + bundle;
	}

}
