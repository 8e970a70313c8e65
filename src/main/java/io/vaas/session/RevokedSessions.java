package io.vaas.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Each replica's view of revoked sessions, so verifying an access token needs no database
 * round trip. The view is read again when it is older than
 * {@link SessionProperties#revocationRefresh()}, looking back a while further than its
 * last read so that a revocation committed late is not missed. A revoked session leaves
 * the view once it would have expired anyway.
 */
@Component
class RevokedSessions {

	static final Duration OVERLAP = Duration.ofSeconds(30);

	private final AgentSessions sessions;

	private final Duration refresh;

	private final Clock clock;

	private final Map<UUID, Instant> revoked = new ConcurrentHashMap<>();

	private volatile Instant readAt = Instant.EPOCH;

	RevokedSessions(AgentSessions sessions, SessionProperties properties, Clock clock) {
		this.sessions = sessions;
		this.refresh = properties.revocationRefresh();
		this.clock = clock;
	}

	boolean isRevoked(UUID session) {
		if (clock.instant().isAfter(readAt.plus(refresh))) {
			read();
		}
		return revoked.containsKey(session);
	}

	/** Takes effect on this replica at once; the others see it at their next read. */
	void add(UUID session, Instant maxExpiresAt) {
		revoked.put(session, maxExpiresAt);
	}

	private synchronized void read() {
		var now = clock.instant();
		if (!now.isAfter(readAt.plus(refresh))) {
			return;
		}
		var rows = readAt.equals(Instant.EPOCH) ? sessions.revokedAndUnexpired(now)
				: sessions.revokedSince(readAt.minus(OVERLAP));
		rows.forEach(row -> revoked.put((UUID) row[0], (Instant) row[1]));
		revoked.values().removeIf(maxExpiresAt -> maxExpiresAt.isBefore(now));
		readAt = now;
	}

}
