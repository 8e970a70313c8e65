package io.vaas.session;

import java.time.Instant;
import java.util.UUID;

/**
 * A session was revoked, published inside the revoking transaction: this replica refuses
 * it once that commits, and the delivery module tells the other replicas.
 *
 * @param namespace its namespace (whose waiting long-polls are nudged)
 * @param session the session
 * @param maxExpiresAt when it would have ended anyway (when replicas may forget it)
 */
public record SessionRevoked(String namespace, UUID session, Instant maxExpiresAt) {

	/** What a {@code NOTIFY} says of it: {@code namespace session epochSecond}. */
	public String payload() {
		return namespace + " " + session + " " + maxExpiresAt.getEpochSecond();
	}

	/**
	 * Reads a {@link #payload()}.
	 * @throws IllegalArgumentException when it is not one
	 */
	public static SessionRevoked parse(String payload) {
		var parts = payload.split(" ");
		if (parts.length != 3) {
			throw new IllegalArgumentException("not a revocation payload");
		}
		return new SessionRevoked(parts[0], UUID.fromString(parts[1]), Instant.ofEpochSecond(Long.parseLong(parts[2])));
	}

}
