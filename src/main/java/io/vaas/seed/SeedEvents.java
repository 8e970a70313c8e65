package io.vaas.seed;

import java.util.UUID;

/** What the seed module announces; published synchronously inside its transaction. */
public final class SeedEvents {

	private SeedEvents() {
	}

	/** A seed was revoked: the sessions it produced must go too. */
	public record SeedRevoked(UUID seedId) {
	}

}
