package io.vaas.session;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import io.vaas.audit.AuditEntry;
import io.vaas.audit.AuditLog;
import io.vaas.audit.Outcome;
import io.vaas.operator.Access;
import io.vaas.operator.Permission;
import io.vaas.bundle.output.Area;
import io.vaas.bundle.BundleRendering;
import io.vaas.seed.SeedEvents;
import io.vaas.shared.Actor;
import io.vaas.shared.DatabaseFailures;
import io.vaas.shared.NamespaceName;
import io.vaas.shared.ResourceName;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Renews agents' access tokens, serves their bundles, records what they applied, and
 * revokes sessions — by an operator, or with their seed. Sessions begin in
 * {@link TokenExchange}.
 */
@Service
public class SessionService {

	private final AgentSessions sessions;

	private final BundleRendering bundles;

	private final ChangeFeed feed;

	private final SessionProperties properties;

	/**
	 * The digest last written to each session, so an unchanged fetch writes nothing (at
	 * most once a minute).
	 */
	private final com.github.benmanes.caffeine.cache.Cache<java.util.UUID, String> recorded = com.github.benmanes.caffeine.cache.Caffeine
		.newBuilder()
		.expireAfterWrite(java.time.Duration.ofMinutes(1))
		.maximumSize(100_000)
		.build();

	private final AccessTokens tokens;

	private final RevokedSessions revoked;

	private final Revocations revocations;

	private final RenderCache renders;

	private final Access access;

	private final AuditLog audit;

	private final TransactionTemplate transactions;

	private final Clock clock;

	SessionService(AgentSessions sessions, BundleRendering bundles, ChangeFeed feed, SessionProperties properties,
			AccessTokens tokens, RevokedSessions revoked, Revocations revocations, RenderCache renders, Access access,
			AuditLog audit, TransactionTemplate transactions, Clock clock) {
		this.revocations = revocations;
		this.renders = renders;
		this.sessions = sessions;
		this.bundles = bundles;
		this.feed = feed;
		this.properties = properties;
		this.tokens = tokens;
		this.revoked = revoked;
		this.access = access;
		this.audit = audit;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** A fresh token for the same session, until the session's maximum lifetime. */
	public Exchange renew(VerifiedToken token, String address) {
		return transactions.execute(status -> {
			var now = clock.instant();
			var session = sessions.findById(token.sessionId()).filter(found -> found.activeAt(now));
			if (session.isEmpty()) {
				audit.record(refused("session.renew", token.namespace(), token.sessionId().toString(),
						"session revoked or past its maximum lifetime"));
				return (Exchange) new Exchange.Refused("invalid_grant", "the session can no longer be renewed");
			}
			var found = session.get();
			found.seen(now, address);
			var issued = tokens.issue(found.id(), found.namespace(), found.bundleName(), found.areaList(),
					found.maxExpiresAt());
			audit.record(AuditEntry.success(agent(found.id()), "session.renew", found.namespace(),
					found.id().toString(), null));
			return new Exchange.Issued(issued.token(), issued.expiresIn(), found.id());
		});
	}

	/**
	 * The session's bundle rendered for its areas, with a signature over the digest;
	 * recorded on the session (and in the audit log when the agent did not have it yet).
	 */
	public Fetched fetch(VerifiedToken token) {
		var areas = token.areas()
			.stream()
			.map(label -> Area.of(label).orElseThrow(() -> new InvalidAccessToken("unknown area")))
			.collect(java.util.stream.Collectors.toCollection(() -> java.util.EnumSet.noneOf(Area.class)));
		var fetched = renders.get(token, areas, () -> render(token, areas));
		var digest = fetched.files().digest();
		// A digest new to the session is written to it and audited (repeats at most once
		// a minute). While the database is away the write waits for a later fetch.
		if (!digest.equals(recorded.getIfPresent(token.sessionId()))) {
			try {
				transactions
					.executeWithoutResult(status -> sessions.fetched(token.sessionId(), digest, clock.instant()));
			}
			catch (RuntimeException ex) {
				if (!DatabaseFailures.isUnavailable(ex)) {
					throw ex;
				}
				return fetched;
			}
			recorded.put(token.sessionId(), digest);
			audit.recordSoon(new AuditEntry(agent(token.sessionId()), "bundle.fetch", token.namespace(), token.bundle(),
					fetched.revision(), Outcome.SUCCESS, digest));
		}
		return fetched;
	}

	private Fetched render(VerifiedToken token, java.util.Set<Area> areas) {
		var started = System.nanoTime();
		var bundle = bundles.render(NamespaceName.of(token.namespace()), ResourceName.of(token.bundle()), areas);
		return new Fetched(token.qualifiedBundle(), bundle.revision(), bundle.bundle(),
				tokens.signDigest(token.qualifiedBundle(), bundle.revision(), bundle.bundle().digest()), started);
	}

	/**
	 * Refuses a revoked session at the moment of answering: with data, only once this
	 * replica has read the revocations committed before that data was rendered.
	 * @throws InvalidAccessToken when the session is revoked
	 */
	public void requireActive(VerifiedToken token, @Nullable Fetched answered) {
		if (answered != null) {
			revoked.ensureReadSince(answered.renderedAt());
		}
		if (revoked.isRevoked(token.sessionId())) {
			throw new InvalidAccessToken("session revoked");
		}
	}

	/**
	 * Completes at the next change in the token's namespace; take it before
	 * {@link #fetch}.
	 */
	public java.util.concurrent.CompletableFuture<Void> nextChange(VerifiedToken token) {
		return feed.nextChange(token.namespace());
	}

	/** The longest an agent may long-poll. */
	public java.time.Duration maxWait() {
		return properties.maxWait();
	}

	/** Records the bundle digest an agent reports as applied. */
	public void applied(VerifiedToken token, String digest, String address) {
		transactions.executeWithoutResult(status -> sessions.findById(token.sessionId()).ifPresent(session -> {
			session.applied(digest, clock.instant());
			session.seen(clock.instant(), address);
		}));
	}

	public List<SessionView> list(NamespaceName namespace) {
		access.require(namespace, Permission.READ);
		var now = clock.instant();
		return transactions.execute(status -> sessions.findByNamespaceOrderByCreatedAtDesc(namespace.value())
			.stream()
			.map(session -> session.view(now))
			.toList());
	}

	/**
	 * Revokes a session; every replica refuses its tokens within
	 * {@link SessionProperties#revocationRefresh()}.
	 */
	public void revoke(NamespaceName namespace, UUID id) {
		var actor = access.require(namespace, Permission.WRITE_CONFIG);
		transactions.executeWithoutResult(status -> {
			var session = sessions.findById(id)
				.filter(found -> found.namespace().equals(namespace.value()))
				.orElseThrow(() -> new SessionNotFound(id));
			if (revocations.revoke(session)) {
				audit.record(AuditEntry.success(actor, "session.revoke", namespace.value(), id.toString(), null));
			}
		});
	}

	/** The public keys that verify access tokens, as a JWK Set. */
	public java.util.Map<String, Object> jwks() {
		return tokens.jwks();
	}

	/**
	 * Makes a new signing key current; the old one stays published until its tokens
	 * expire.
	 */
	public String rotateSigningKey() {
		var actor = access.requireSuperuser();
		var kid = tokens.rotate();
		audit.record(AuditEntry.success(actor, "signing-key.rotate", null, kid, null));
		return kid;
	}

	@EventListener
	void on(SeedEvents.SeedRevoked event) {
		sessions.findBySeedId(event.seedId()).forEach(revocations::revoke);
	}

	/**
	 * Records a refused agent credential (401/403). Anyone can send these at any rate, so
	 * they are appended in batches, off the request.
	 */
	public void refusedCredential(String reason, @Nullable String path) {
		audit.recordSoon(refused("agent.authenticate", null, path, reason));
	}

	static final Actor ANONYMOUS = new Actor("-", "anonymous");

	static Actor agent(UUID session) {
		return new Actor(session.toString(), "agent");
	}

	private static AuditEntry refused(String action, @Nullable String namespace, @Nullable String resource,
			String reason) {
		return new AuditEntry(ANONYMOUS, action, namespace, resource, null, Outcome.FAILED, reason);
	}

}
