package io.vaas.session;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vaas.audit.AuditEntry;
import io.vaas.audit.AuditLog;
import io.vaas.audit.Outcome;
import io.vaas.shared.DatabaseFailures;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What agents did with their session, recorded on it for operators: the digest last
 * fetched (audited when it is new to the session) and the digest last applied.
 */
@Component
public class SessionActivity {

	/**
	 * The revision and digest last written to each session, so an unchanged fetch writes
	 * nothing (at most once a minute).
	 */
	private final Cache<UUID, String> recorded = Caffeine.newBuilder()
		.expireAfterWrite(Duration.ofMinutes(1))
		.maximumSize(100_000)
		.build();

	private final AgentSessions sessions;

	private final AuditLog audit;

	private final TransactionTemplate transactions;

	private final Clock clock;

	SessionActivity(AgentSessions sessions, AuditLog audit, TransactionTemplate transactions, Clock clock) {
		this.sessions = sessions;
		this.audit = audit;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Records a digest fetched by the session; one new to the session is written to it
	 * and audited (repeats at most once a minute). While the database is away the write
	 * waits for a later fetch.
	 */
	public void fetched(VerifiedToken token, long revision, String digest) {
		// A new revision may leave this session's files as they were: its number is news.
		var fetched = revision + ":" + digest;
		if (fetched.equals(recorded.getIfPresent(token.sessionId()))) {
			return;
		}
		try {
			transactions
				.executeWithoutResult(status -> sessions.fetched(token.sessionId(), digest, revision, clock.instant()));
		}
		catch (RuntimeException ex) {
			if (!DatabaseFailures.isUnavailable(ex)) {
				throw ex;
			}
			return;
		}
		recorded.put(token.sessionId(), fetched);
		audit.recordSoon(new AuditEntry(SessionService.agent(token.sessionId()), "bundle.fetch", token.namespace(),
				token.bundle(), revision, Outcome.SUCCESS, digest));
	}

	/** Records the bundle digest an agent reports as applied. */
	public void applied(VerifiedToken token, String digest, String address) {
		transactions.executeWithoutResult(status -> sessions.findById(token.sessionId()).ifPresent(session -> {
			session.applied(digest, clock.instant());
			session.seen(clock.instant(), address);
		}));
	}

}
