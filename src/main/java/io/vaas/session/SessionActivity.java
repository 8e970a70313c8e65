package io.vaas.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vaas.audit.AuditEntry;
import io.vaas.audit.AuditLog;
import io.vaas.audit.Outcome;
import io.vaas.shared.DatabaseFailures;
import io.vaas.shared.Lull;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What agents did with their session, recorded on it for operators: the digest last
 * fetched (audited when it is new to the session) and the digest last applied.
 * <p>
 * A fetch does not wait for its write: when a change wakes ten thousand agents at once,
 * their answers go out before the sessions' rows are written behind them, in batches
 * every {@link #FLUSH_MILLIS}, held back while fetches keep coming ({@link Lull}, at most
 * 2 s; one statement round per batch, the latest fetch per session). Readers of sessions
 * call {@link #flush} first, so an operator sees every fetch this replica answered before
 * the read.
 */
@Component
public class SessionActivity implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SessionActivity.class);

	static final long FLUSH_MILLIS = 200;

	private record Fetch(String digest, long revision, Instant at) {
	}

	private record Recorded(long revision, String digest) {
	}

	/** Fetches not yet written, the latest per session. */
	private final Map<UUID, Fetch> pending = new ConcurrentHashMap<>();

	private final Object flushing = new Object();

	private volatile boolean running;

	private volatile @Nullable Thread flusher;

	/**
	 * The revision and digest last written to each session, so an unchanged fetch writes
	 * nothing (at most once a minute).
	 */
	private final Cache<UUID, Recorded> recorded = Caffeine.newBuilder()
		.expireAfterWrite(Duration.ofMinutes(1))
		.maximumSize(100_000)
		.build();

	private final AgentSessions sessions;

	private final AuditLog audit;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final JdbcTemplate jdbc;

	SessionActivity(AgentSessions sessions, AuditLog audit, TransactionTemplate transactions, JdbcTemplate jdbc,
			Clock clock) {
		this.jdbc = jdbc;
		this.sessions = sessions;
		this.audit = audit;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Whether {@link #fetched} would record nothing: the session's fetch of this revision
	 * and digest was recorded within the last minute. Never blocks.
	 */
	public boolean recorded(VerifiedToken token, long revision, String digest) {
		// A new revision may leave this session's files as they were: its number is news.
		// Read quietly: this runs on every fetch, and an entry lives by its writes alone
		// (a minute), so the cache has no reads to keep account of.
		var last = recorded.policy().getIfPresentQuietly(token.sessionId());
		return last != null && last.revision() == revision && last.digest().equals(digest);
	}

	/**
	 * Records a digest fetched by the session; one new to the session is written to it
	 * soon (see {@link #flush}) and audited (repeats at most once a minute).
	 */
	public void fetched(VerifiedToken token, long revision, String digest) {
		if (recorded(token, revision, digest)) {
			return;
		}
		recorded.put(token.sessionId(), new Recorded(revision, digest));
		pending.put(token.sessionId(), new Fetch(digest, revision, clock.instant()));
		audit.recordSoon(new AuditEntry(SessionService.agent(token.sessionId()), "bundle.fetch", token.namespace(),
				token.bundle(), revision, Outcome.SUCCESS, digest));
	}

	/**
	 * Writes the fetches recorded so far to their sessions, in one batch. While the
	 * database is away they wait for the next flush.
	 */
	public void flush() {
		if (pending.isEmpty()) {
			return;
		}
		synchronized (flushing) {
			var batch = new ArrayList<>(pending.entrySet());
			if (batch.isEmpty()) {
				return;
			}
			try {
				jdbc.batchUpdate("update agent_sessions set last_digest_fetched = ?, last_revision_fetched = ?, "
						+ "last_seen_at = ? where id = ?", batch, 1000, (statement, entry) -> {
							statement.setString(1, entry.getValue().digest());
							statement.setLong(2, entry.getValue().revision());
							statement.setObject(3, OffsetDateTime.ofInstant(entry.getValue().at(), ZoneOffset.UTC));
							statement.setObject(4, entry.getKey());
						});
			}
			catch (RuntimeException ex) {
				if (!DatabaseFailures.isUnavailable(ex)) {
					throw ex;
				}
				return;
			}
			// A fetch recorded meanwhile stays for the next flush.
			batch.forEach(entry -> pending.remove(entry.getKey(), entry.getValue()));
		}
	}

	@Override
	public void start() {
		running = true;
		flusher = Thread.ofPlatform().daemon().name("vaas-session-activity").start(() -> {
			while (running) {
				try {
					Thread.sleep(FLUSH_MILLIS);
					Lull.DEFAULT.await(pending::size, () -> !running);
					flush();
				}
				catch (InterruptedException ex) {
					return;
				}
				catch (RuntimeException ex) {
					log.error("event=session_activity_failed sessions={} error={}", pending.size(),
							ex.getClass().getName(), ex);
				}
			}
		});
	}

	@Override
	public void stop() {
		running = false;
		var thread = flusher;
		if (thread != null) {
			thread.interrupt();
		}
		try {
			flush();
		}
		catch (RuntimeException ex) {
			log.warn("event=session_activity_lost sessions={} error={}", pending.size(), ex.getClass().getSimpleName());
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/**
	 * Stops after the web server has answered its last request, before the data source.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	/** Records the bundle digest an agent reports as applied. */
	public void applied(VerifiedToken token, String digest, String address) {
		// The fetch it applies may not be written yet: written now, with the same row.
		var fetch = pending.get(token.sessionId());
		transactions.executeWithoutResult(status -> sessions.findById(token.sessionId()).ifPresent(session -> {
			if (fetch != null) {
				session.fetched(fetch.digest(), fetch.revision(), fetch.at());
			}
			session.applied(digest, clock.instant());
			session.seen(clock.instant(), address);
		}));
		if (fetch != null) {
			pending.remove(token.sessionId(), fetch);
		}
	}

}
