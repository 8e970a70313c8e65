package io.vaas.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.vaas.shared.DatabaseFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Each replica's view of revoked sessions, so verifying an access token needs no database
 * round trip. Revocations arrive three ways: from this replica at commit, from the others
 * through {@code NOTIFY} (the delivery module listens, {@link ActiveSessions}), and by
 * reading the database every {@link SessionProperties#revocationRefresh()} in the
 * background (the path that needs no listener), looking back {@link #OVERLAP} further
 * than the last read so that a revocation committed late, or stamped by a replica whose
 * clock is behind, is not missed. A read that fails (the database is away) keeps the view
 * as it was.
 * <p>
 * {@link #ensureReadSince} lets a response carry data only if the view was read after
 * that data was rendered: whatever was revoked before the data existed is then known.
 */
@Component
class RevokedSessions implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RevokedSessions.class);

	static final Duration OVERLAP = Duration.ofMinutes(2);

	private final AgentSessions sessions;

	private final Duration refresh;

	private final Clock clock;

	private final Map<UUID, Instant> revoked = new ConcurrentHashMap<>();

	/** Wall-clock time of the last successful read, for the next read's window. */
	private volatile Instant readAt = Instant.EPOCH;

	/** {@link System#nanoTime()} when the last successful read began. */
	private volatile long viewNanos = System.nanoTime() - Duration.ofDays(1).toNanos();

	private volatile boolean running;

	private volatile Thread refresher;

	/** Successful reads: {@code vaas_agents_revocation_reads_total}. */
	private final io.micrometer.core.instrument.Counter reads;

	RevokedSessions(AgentSessions sessions, SessionProperties properties, Clock clock,
			io.micrometer.core.instrument.MeterRegistry meters) {
		this.sessions = sessions;
		this.refresh = properties.revocationRefresh();
		this.clock = clock;
		this.reads = io.micrometer.core.instrument.Counter.builder("vaas.agents.revocation.reads")
			.description("Reads of revoked sessions from the database")
			.register(meters);
	}

	/** Whether the revocations committed before {@code nanos} have been read. */
	boolean readSince(long nanos) {
		return viewNanos - nanos >= 0;
	}

	boolean isRevoked(UUID session) {
		return revoked.containsKey(session);
	}

	/** Takes effect on this replica at once. */
	void add(UUID session, Instant maxExpiresAt) {
		revoked.put(session, maxExpiresAt);
	}

	/**
	 * Makes sure the view was read after the moment given (a {@link System#nanoTime()}),
	 * reading it now if not.
	 * @throws org.springframework.dao.DataAccessException when that read fails
	 */
	void ensureReadSince(long nanos) {
		if (viewNanos - nanos >= 0) {
			return;
		}
		synchronized (this) {
			if (viewNanos - nanos < 0) {
				read();
			}
		}
	}

	private synchronized void read() {
		var started = System.nanoTime();
		var now = clock.instant();
		var rows = readAt.equals(Instant.EPOCH) ? sessions.revokedAndUnexpired(now)
				: sessions.revokedSince(readAt.minus(OVERLAP));
		rows.forEach(row -> revoked.put((UUID) row[0], (Instant) row[1]));
		revoked.values().removeIf(maxExpiresAt -> maxExpiresAt.isBefore(now));
		readAt = now;
		viewNanos = started;
		reads.increment();
	}

	@Override
	public void start() {
		running = true;
		try {
			read();
		}
		catch (RuntimeException ex) {
			log.warn("event=revocations_unread error={}", ex.getClass().getSimpleName());
		}
		refresher = Thread.ofPlatform().daemon().name("vaas-revocations").start(this::refreshLoop);
	}

	private void refreshLoop() {
		while (running) {
			try {
				Thread.sleep(refresh);
				read();
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				if (!DatabaseFailures.isUnavailable(ex)) {
					log.warn("event=revocations_unread error={}", ex.getClass().getName(), ex);
				}
			}
		}
	}

	/** Reads before the web server takes requests. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	@Override
	public void stop() {
		running = false;
		var thread = refresher;
		if (thread != null) {
			thread.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

}
