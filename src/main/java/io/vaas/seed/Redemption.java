package io.vaas.seed;

import java.util.UUID;

/**
 * The outcome of presenting a seed: outcomes, not exceptions, since none of them is a
 * bug.
 */
public sealed interface Redemption {

	/** One use was taken; a session may be created. */
	record Accepted(SeedGrant grant) implements Redemption {
	}

	/**
	 * Unknown, malformed, expired, revoked or used up; the reason is for the audit log
	 * only.
	 */
	record Refused(String reason, @org.jspecify.annotations.Nullable String namespace) implements Redemption {
	}

	/**
	 * A single-use seed presented again: someone else holds it too. The sessions it
	 * produced must be revoked.
	 */
	record Replayed(UUID seedId, String namespace) implements Redemption {
	}

}
