package io.vaas.session;

import io.vaas.audit.AuditEntry;
import io.vaas.audit.AuditLog;
import io.vaas.audit.Outcome;
import io.vaas.seed.Redemption;
import io.vaas.seed.SeedService;
import io.vaas.shared.FailureThrottle;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The RFC 8693 exchange of a seed for a session. A valid seed is always exchanged; a bad
 * one counts against its client address and against the presented seed, and past the free
 * failures the refusal is a 429 with a growing {@code Retry-After}
 * ({@link FailureThrottle}). Every outcome is audited; unknown, expired, revoked and
 * used-up seeds look alike to the caller.
 */
@Service
public class SeedExchange {

	private static final Logger log = LoggerFactory.getLogger(SeedExchange.class);

	static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";

	static final String SEED_TOKEN_TYPE = "urn:vaas:params:token-type:seed";

	private final SeedService seeds;

	private final AgentSessions sessions;

	private final AccessTokens tokens;

	private final Revocations revocations;

	private final FailureThrottle throttle;

	private final AuditLog audit;

	private final TransactionTemplate transactions;

	private final java.time.Clock clock;

	SeedExchange(SeedService seeds, AgentSessions sessions, AccessTokens tokens, Revocations revocations,
			FailureThrottle throttle, AuditLog audit, TransactionTemplate transactions, java.time.Clock clock) {
		this.seeds = seeds;
		this.sessions = sessions;
		this.tokens = tokens;
		this.revocations = revocations;
		this.throttle = throttle;
		this.audit = audit;
		this.transactions = transactions;
		this.clock = clock;
	}

	public Exchange exchange(@Nullable String grantType, @Nullable String subjectToken,
			@Nullable String subjectTokenType, String address) {
		if (!GRANT_TYPE.equals(grantType)) {
			return malformed(address, grantType == null ? "invalid_request" : "unsupported_grant_type",
					"grant_type must be " + GRANT_TYPE, "wrong grant_type");
		}
		if (!SEED_TOKEN_TYPE.equals(subjectTokenType) || subjectToken == null || subjectToken.isBlank()) {
			return malformed(address, "invalid_request",
					"subject_token must be a seed and subject_token_type " + SEED_TOKEN_TYPE, "malformed request");
		}
		var seed = subjectToken.strip();
		var credential = FailureThrottle.credentialKey("seed", seed);
		var redemption = transactions.execute(status -> switch (seeds.redeem(seed)) {
			case Redemption.Accepted accepted -> issue(accepted, address);
			case Redemption.Replayed replayed -> replayed(replayed);
			case Redemption.Refused refused -> refused;
		});
		if (redemption instanceof Exchange.Issued issued) {
			throttle.succeeded(credential);
			return issued;
		}
		var wait = throttle.failed(address, credential);
		if (redemption instanceof Redemption.Refused refused) {
			audit.recordSoon(
					refused(refused.namespace(), refused.reason() + wait.map(SeedExchange::throttled).orElse("")));
		}
		return wait.<Exchange>map(Exchange.Throttled::new)
			.orElseGet(() -> new Exchange.Refused("invalid_grant", "the seed is not valid"));
	}

	/**
	 * An exchange request that could not be read: {@code invalid_request}, audited and
	 * counted against its client address.
	 */
	public Exchange malformedExchange(String address, String reason) {
		return malformed(address, "invalid_request", reason, "malformed request");
	}

	private Exchange malformed(String address, String error, String description, String reason) {
		var wait = throttle.failed(address, null);
		audit.recordSoon(refused(null, reason + wait.map(SeedExchange::throttled).orElse("")));
		return wait.<Exchange>map(Exchange.Throttled::new).orElseGet(() -> new Exchange.Refused(error, description));
	}

	private Object issue(Redemption.Accepted accepted, String address) {
		var session = sessions.save(new AgentSession(accepted.grant(), address, clock.instant()));
		audit.record(new AuditEntry(SessionService.agent(session.id()), "seed.exchange", session.namespace(),
				accepted.grant().seedId().toString(), null, Outcome.SUCCESS, "session " + session.id()));
		var issued = tokens.issue(session.id(), session.namespace(), session.bundleName(), session.areaList(),
				session.maxExpiresAt());
		return new Exchange.Issued(issued.token(), issued.expiresIn(), session.id());
	}

	private Object replayed(Redemption.Replayed replayed) {
		var produced = sessions.findBySeedId(replayed.seedId());
		produced.forEach(revocations::revoke);
		audit.record(new AuditEntry(SessionService.ANONYMOUS, "seed.replayed", replayed.namespace(),
				replayed.seedId().toString(), null, Outcome.FAILED,
				"single-use seed presented again: possible interception; revoked " + produced.size() + " session(s)"));
		log.warn("event=seed_replayed seed={} revoked_sessions={}", replayed.seedId(), produced.size());
		return replayed;
	}

	private static String throttled(java.time.Duration wait) {
		return "; throttled for " + FailureThrottle.retryAfterSeconds(wait) + " s";
	}

	private static AuditEntry refused(@Nullable String namespace, String reason) {
		return new AuditEntry(SessionService.ANONYMOUS, "seed.exchange", namespace, null, null, Outcome.FAILED, reason);
	}

}
