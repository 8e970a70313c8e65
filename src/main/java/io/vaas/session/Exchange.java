package io.vaas.session;

import java.time.Duration;
import java.util.UUID;

/** The outcome of a token exchange, as values: none of the failures is a bug. */
public sealed interface Exchange {

	/** An access token for a new session. */
	record Issued(String accessToken, long expiresIn, UUID session) implements Exchange {

		@Override
		public String toString() {
			return "Issued[session=" + session + "]";
		}

	}

	/**
	 * RFC 6749 error: {@code invalid_request}, {@code unsupported_grant_type} or
	 * {@code invalid_grant}.
	 */
	record Refused(String error, String description) implements Exchange {
	}

	/** Too many failures from this address. */
	record Throttled(Duration retryAfter) implements Exchange {
	}

	/**
	 * The credential could not be checked now (an issuer's keys out of reach): retry
	 * later.
	 */
	record Unavailable(Duration retryAfter) implements Exchange {
	}

}
