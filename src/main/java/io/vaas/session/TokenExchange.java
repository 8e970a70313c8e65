package io.vaas.session;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

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

	/** RFC 8693's grant type: a seed or an identity token exchanged. */
	public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";

	/** RFC 7523's grant type: a key seed's signed assertion. */
	public static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

	/** RFC 8693's token type of an identity token (a JWT). */
	public static final String JWT_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:jwt";

	/** How long a caller waits when a credential cannot be checked now. */
	static final Duration UNAVAILABLE_RETRY = Duration.ofSeconds(5);

	private final List<CredentialMethod> methods;

	private final AgentSessions sessions;

	private final SeedExchangeBatches batches;

	private final AccessTokenIssuer tokens;

	private final FailureThrottle throttle;

	private final AuditLog audit;

	private final TransactionTemplate transactions;

	private final Clock clock;

	TokenExchange(List<CredentialMethod> methods, AgentSessions sessions, SeedExchangeBatches batches,
			AccessTokenIssuer tokens, FailureThrottle throttle, AuditLog audit, TransactionTemplate transactions,
			Clock clock) {
		this.methods = List.copyOf(methods);
		this.sessions = sessions;
		this.batches = batches;
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
		var action = method.get().action();
		var credential = method.get().credentialKey(request);
		// A seed goes into the next batch first (its token is signed after the batch's
		// commit, so only once a key is in hand); one the batch took nothing for is
		// redeemed alone, which says why.
		var batched = method.get() instanceof SeedCredential && tokens.canSign()
				? batches.exchange(request.subject(), address) : null;
		var outcome = batched != null ? issued(batched) : verifyAndIssue(method.get(), request, address);
		if (outcome instanceof Exchange.Issued issued) {
			throttle.succeeded(credential);
			return issued;
		}
		if (outcome instanceof Verification.Unavailable unavailable) {
			audit.recordSoon(refused(action, unavailable.namespace(), unavailable.reason()));
			return new Exchange.Unavailable(UNAVAILABLE_RETRY);
		}
		var wait = throttle.failed(address, credential);
		if (outcome instanceof Verification.Refused refused && !refused.reason().isEmpty()) {
			audit.recordSoon(refused(action, refused.namespace(),
					refused.reason() + wait.map(TokenExchange::throttled).orElse("")));
		}
		return wait.<Exchange>map(Exchange.Throttled::new)
			.orElseGet(() -> new Exchange.Refused("invalid_grant",
					"the credential is not valid, or not accepted for this bundle"));
	}

	/**
	 * An exchange request that could not be read: {@code invalid_request}, audited and
	 * counted against its client address.
	 */
	public Exchange malformedExchange(String address, String reason) {
		return malformed(address, "invalid_request", reason, "malformed request");
	}

	private Exchange refusedRequest(TokenRequest request, String address) {
		if (!GRANT_TYPE.equals(request.grantType()) && !JWT_BEARER.equals(request.grantType())) {
			return malformed(address, request.grantType() == null ? "invalid_request" : "unsupported_grant_type",
					"grant_type must be " + GRANT_TYPE + " or " + JWT_BEARER, "wrong grant_type");
		}
		if (JWT_BEARER.equals(request.grantType())) {
			return malformed(address, "invalid_request", "assertion must be a signed JWT (RFC 7523)",
					"malformed request");
		}
		return malformed(address, "invalid_request",
				"subject_token must be a seed (subject_token_type " + SeedCredential.SEED_TOKEN_TYPE
						+ ") or an identity token (subject_token_type " + JWT_TOKEN_TYPE
						+ " with resource urn:vaas:bundle:{namespace}/{bundle})",
				"malformed request");
	}

	private Exchange malformed(String address, String error, String description, String reason) {
		var wait = throttle.failed(address, null);
		audit.recordSoon(refused("seed.exchange", null, reason + wait.map(TokenExchange::throttled).orElse("")));
		return wait.<Exchange>map(Exchange.Throttled::new).orElseGet(() -> new Exchange.Refused(error, description));
	}

	/** An {@link Exchange.Issued}, or the {@link Verification} that refused. */
	private Object verifyAndIssue(CredentialMethod method, TokenRequest request, String address) {
		// A method that calls out verifies before the transaction; the others inside it.
		var early = method.verifiesInTransaction() ? null : method.verify(request);
		if (early != null && !(early instanceof Verification.Granted)) {
			return early;
		}
		return Objects
			.requireNonNull(transactions.execute(status -> switch (early != null ? early : method.verify(request)) {
				case Verification.Granted granted -> issue(method.action(), granted, address);
				case Verification.Refused refused -> refused;
				case Verification.Unavailable unavailable -> unavailable;
			}));
	}

	private Object issue(String action, Verification.Granted granted, String address) {
		var session = sessions.save(new AgentSession(granted, address, clock.instant()));
		audit.record(exchanged(action, granted, session));
		return issued(session);
	}

	/**
	 * The audit event of a credential exchanged for a session, made alone or in a batch.
	 */
	static AuditEntry exchanged(String action, Verification.Granted granted, AgentSession session) {
		return new AuditEntry(SessionService.agent(session.id()), action, session.namespace(),
				granted.origin().credential(), null, Outcome.SUCCESS, "session " + session.id());
	}

	/** The access token of a session made and committed. */
	private Exchange.Issued issued(AgentSession session) {
		var issued = tokens.issue(session.id(), session.namespace(), session.bundleName(), session.areaList(),
				session.maxExpiresAt());
		return new Exchange.Issued(issued.token(), issued.expiresIn(), session.id());
	}

	private static String throttled(Duration wait) {
		return "; throttled for " + FailureThrottle.retryAfterSeconds(wait) + " s";
	}

	private static AuditEntry refused(String action, @Nullable String namespace, String reason) {
		return new AuditEntry(SessionService.ANONYMOUS, action, namespace, null, null, Outcome.FAILED, reason);
	}

}
