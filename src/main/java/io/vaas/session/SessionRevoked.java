package io.vaas.session;

import java.time.Instant;
import java.util.UUID;

/**
 * A session was revoked, inside the revoking transaction: every replica refuses it once
 * that commits.
 *
 * @param namespace its namespace (whose waiting long-polls are nudged)
 * @param session the session
 * @param maxExpiresAt when it would have ended anyway (when replicas may forget it)
 */
record SessionRevoked(String namespace, UUID session, Instant maxExpiresAt) {

	/** The {@code NOTIFY} payload: {@code namespace session epochSecond}. */
	String payload() {
		return namespace + " " + session + " " + maxExpiresAt.getEpochSecond();
	}

	static SessionRevoked parse(String payload) {
		var parts = payload.split(" ");
		if (parts.length != 3) {
			throw new IllegalArgumentException("not a revocation payload");
		}
		return new SessionRevoked(parts[0], UUID.fromString(parts[1]), Instant.ofEpochSecond(Long.parseLong(parts[2])));
	}

}
