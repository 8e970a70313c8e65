package io.vaas.session;

import io.vaas.audit.AuditEntry;
import io.vaas.audit.AuditLog;
import io.vaas.audit.Outcome;
import io.vaas.seed.Redemption;
import io.vaas.seed.SeedGrant;
import io.vaas.seed.SeedService;
import io.vaas.shared.FailureThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * A {@code vaas_seed_} token (RFC 8693 token exchange, token type
 * {@code urn:vaas:params:token-type:seed}): one use of the seed, taken atomically. A
 * single-use seed presented again means someone else holds it: the sessions it produced
 * are revoked at once and {@code seed.replayed} is audited (interception detection).
 */
@Component
class SeedCredential implements CredentialMethod {

	private static final Logger log = LoggerFactory.getLogger(SeedCredential.class);

	static final String SEED_TOKEN_TYPE = "urn:vaas:params:token-type:seed";

	/** The audited action of a seed's exchange. */
	static final String ACTION = "seed.exchange";

	private final SeedService seeds;

	private final AgentSessions sessions;

	private final Revocations revocations;

	private final AuditLog audit;

	SeedCredential(SeedService seeds, AgentSessions sessions, Revocations revocations, AuditLog audit) {
		this.seeds = seeds;
		this.sessions = sessions;
		this.revocations = revocations;
		this.audit = audit;
	}

	@Override
	public boolean accepts(TokenRequest request) {
		return TokenExchange.GRANT_TYPE.equals(request.grantType())
				&& SEED_TOKEN_TYPE.equals(request.subjectTokenType()) && !request.subject().isEmpty();
	}

	@Override
	public boolean verifiesInTransaction() {
		return true;
	}

	@Override
	public String action() {
		return ACTION;
	}

	@Override
	public String credentialKey(TokenRequest request) {
		return FailureThrottle.credentialKey("seed", request.subject());
	}

	/** What a seed's use grants: a session for its bundle and areas. */
	static Verification.Granted granted(SeedGrant grant) {
		return new Verification.Granted(Origin.seed(grant.seedId()), grant.namespace(), grant.bundleId(),
				grant.bundleName(), grant.areas(), grant.maxSessionLifetime());
	}

	@Override
	public Verification verify(TokenRequest request) {
		return switch (seeds.redeem(request.subject())) {
			case Redemption.Accepted accepted -> granted(accepted.grant());
			case Redemption.Replayed replayed -> {
				var produced = sessions.findBySeedId(replayed.seedId());
				produced.forEach(revocations::revoke);
				audit.record(new AuditEntry(SessionService.ANONYMOUS, "seed.replayed", replayed.namespace(),
						replayed.seedId().toString(), null, Outcome.FAILED,
						"single-use seed presented again: possible interception; revoked " + produced.size()
								+ " session(s)"));
				log.warn("event=seed_replayed seed={} revoked_sessions={}", replayed.seedId(), produced.size());
				// Audited above in full; no second refusal event.
				yield new Verification.Refused("", replayed.namespace());
			}
			case Redemption.Refused refused -> new Verification.Refused(refused.reason(), refused.namespace());
		};
	}

}
