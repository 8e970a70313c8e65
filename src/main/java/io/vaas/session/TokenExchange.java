package io.vaas.session;

import java.util.List;

import io.vaas.audit.AuditEntry;
import io.vaas.audit.AuditLog;
import io.vaas.audit.Outcome;
import io.vaas.shared.FailureThrottle;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code POST /api/v1/auth/token}: finds the one {@link CredentialMethod} that accepts
 * the request and turns its grant into a session and an access token. A valid credential
 * is always exchanged; a bad one counts against its client address and against the
 * presented credential, and past the free failures the refusal is a 429 with a growing
 * {@code Retry-After} ({@link FailureThrottle}). Every outcome is audited; the caller
 * sees one {@code invalid_grant} for every kind of bad credential.
 */
@Service
public class TokenExchange {

	static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";

	private final List<CredentialMethod> methods;

	private final AgentSessions sessions;

	private final AccessTokenIssuer tokens;

	private final FailureThrottle throttle;

	private final AuditLog audit;

	private final TransactionTemplate transactions;

	private final java.time.Clock clock;

	TokenExchange(List<CredentialMethod> methods, AgentSessions sessions, AccessTokenIssuer tokens,
			FailureThrottle throttle, AuditLog audit, TransactionTemplate transactions, java.time.Clock clock) {
		this.methods = List.copyOf(methods);
		this.sessions = sessions;
		this.tokens = tokens;
		this.throttle = throttle;
		this.audit = audit;
		this.transactions = transactions;
		this.clock = clock;
	}

	public Exchange exchange(TokenRequest request, String address) {
		var method = methods.stream().filter(candidate -> candidate.accepts(request)).findFirst();
		if (method.isEmpty()) {
			return refusedRequest(request, address);
		}
		var credential = method.get().credentialKey(request);
		var outcome = transactions.execute(status -> switch (method.get().verify(request)) {
			case Verification.Granted granted -> issue(granted, address);
			case Verification.Refused refused -> refused;
		});
		if (outcome instanceof Exchange.Issued issued) {
			throttle.succeeded(credential);
			return issued;
		}
		var wait = throttle.failed(address, credential);
		if (outcome instanceof Verification.Refused refused && !refused.reason().isEmpty()) {
			audit.recordSoon(
					refused(refused.namespace(), refused.reason() + wait.map(TokenExchange::throttled).orElse("")));
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

	private Exchange refusedRequest(TokenRequest request, String address) {
		if (!GRANT_TYPE.equals(request.grantType())) {
			return malformed(address, request.grantType() == null ? "invalid_request" : "unsupported_grant_type",
					"grant_type must be " + GRANT_TYPE, "wrong grant_type");
		}
		return malformed(address, "invalid_request",
				"subject_token must be a seed and subject_token_type " + SeedCredential.SEED_TOKEN_TYPE,
				"malformed request");
	}

	private Exchange malformed(String address, String error, String description, String reason) {
		var wait = throttle.failed(address, null);
		audit.recordSoon(refused(null, reason + wait.map(TokenExchange::throttled).orElse("")));
		return wait.<Exchange>map(Exchange.Throttled::new).orElseGet(() -> new Exchange.Refused(error, description));
	}

	private Object issue(Verification.Granted granted, String address) {
		var session = sessions.save(new AgentSession(granted, address, clock.instant()));
		audit.record(new AuditEntry(SessionService.agent(session.id()), "seed.exchange", session.namespace(),
				granted.credential().toString(), null, Outcome.SUCCESS, "session " + session.id()));
		var issued = tokens.issue(session.id(), session.namespace(), session.bundleName(), session.areaList(),
				session.maxExpiresAt());
		return new Exchange.Issued(issued.token(), issued.expiresIn(), session.id());
	}

	private static String throttled(java.time.Duration wait) {
		return "; throttled for " + FailureThrottle.retryAfterSeconds(wait) + " s";
	}

	private static AuditEntry refused(@Nullable String namespace, String reason) {
		return new AuditEntry(SessionService.ANONYMOUS, "seed.exchange", namespace, null, null, Outcome.FAILED, reason);
	}

}
