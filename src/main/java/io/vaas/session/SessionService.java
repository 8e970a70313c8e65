package io.vaas.session;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import io.vaas.audit.AuditEntry;
import io.vaas.audit.AuditLog;
import io.vaas.operator.Access;
import io.vaas.operator.Permission;
import io.vaas.seed.SeedEvents;
import io.vaas.shared.Actor;
import io.vaas.shared.NamespaceName;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Operators' side of agent sessions: the list of a namespace's sessions, and revocation —
 * by an operator, or with the session's seed. Sessions begin in {@link TokenExchange} and
 * are renewed in {@link SessionRenewal}.
 */
@Service
public class SessionService {

	static final Actor ANONYMOUS = new Actor("-", "anonymous");

	private final AgentSessions sessions;

	private final Revocations revocations;

	private final Access access;

	private final AuditLog audit;

	private final TransactionTemplate transactions;

	private final SessionActivity activity;

	private final Clock clock;

	SessionService(AgentSessions sessions, Revocations revocations, Access access, AuditLog audit,
			TransactionTemplate transactions, SessionActivity activity, Clock clock) {
		this.activity = activity;
		this.sessions = sessions;
		this.revocations = revocations;
		this.access = access;
		this.audit = audit;
		this.transactions = transactions;
		this.clock = clock;
	}

	public List<SessionView> list(NamespaceName namespace) {
		access.require(namespace, Permission.READ);
		activity.flush();
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
		var actor = access.require(namespace, Permission.MANAGE_SEEDS);
		transactions.executeWithoutResult(status -> {
			var session = sessions.findById(id)
				.filter(found -> found.namespace().equals(namespace.value()))
				.orElseThrow(() -> new SessionNotFound(id));
			if (revocations.revoke(session)) {
				audit.record(AuditEntry.success(actor, "session.revoke", namespace.value(), id.toString(), null));
			}
		});
	}

	/**
	 * Revokes the sessions that a bundle's trust let in, in the caller's transaction (the
	 * trust is being deleted): they stop working on every replica within a second.
	 * @return how many were revoked
	 */
	@org.springframework.transaction.annotation.Transactional(
			propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
	public int revokeTrusted(String namespace, String bundleName, String trust) {
		var revoked = 0;
		for (var session : sessions.findByNamespaceAndBundleNameAndTrustName(namespace, bundleName, trust)) {
			if (revocations.revoke(session)) {
				revoked++;
			}
		}
		return revoked;
	}

	@EventListener
	void on(SeedEvents.SeedRevoked event) {
		sessions.findBySeedId(event.seedId()).forEach(revocations::revoke);
	}

	static Actor agent(UUID session) {
		return new Actor(session.toString(), "agent");
	}

}
