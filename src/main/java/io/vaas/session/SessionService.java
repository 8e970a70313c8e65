package io.vaas.session;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import io.vaas.audit.AuditEntry;
import io.vaas.audit.AuditLog;
import io.vaas.operator.Access;
import io.vaas.operator.Permission;
import io.vaas.seed.SeedEvents;
import io.vaas.shared.Actor;
import io.vaas.shared.NamespaceName;
import io.vaas.shared.Texts;
import jakarta.persistence.criteria.Predicate;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
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

	/** Every session of one bundle of the namespace, newest first. */
	public List<SessionView> list(NamespaceName namespace, String bundle) {
		access.require(namespace, Permission.READ);
		activity.flush();
		var now = clock.instant();
		return Objects.requireNonNull(transactions
			.execute(status -> sessions.findByNamespaceAndBundleNameOrderByCreatedAtDesc(namespace.value(), bundle)
				.stream()
				.map(session -> session.view(now))
				.toList()));
	}

	/**
	 * The namespace's sessions (one bundle's, if named), newest first, {@code limit} at a
	 * time after the session {@code after} (none: from the newest): one range of the
	 * {@code (namespace, created_at)} index per page. A page holds up to {@code limit} +
	 * 1 sessions: one more than asked when another page follows.
	 * @throws io.vaas.shared.Texts.InvalidText when {@code after} is no session of the
	 * namespace
	 */
	public List<SessionView> page(NamespaceName namespace, @Nullable String bundle, @Nullable UUID after, int limit) {
		access.require(namespace, Permission.READ);
		activity.flush();
		var now = clock.instant();
		return Objects.requireNonNull(transactions.execute(status -> {
			var from = after == null ? null
					: sessions.findById(after)
						.filter(session -> session.namespace().equals(namespace.value()))
						.orElseThrow(() -> new Texts.InvalidText("after names no agent session of this namespace"));
			Specification<AgentSession> matching = (root, query, cb) -> {
				var where = new ArrayList<Predicate>();
				where.add(cb.equal(root.get("namespace"), namespace.value()));
				if (bundle != null) {
					where.add(cb.equal(root.get("bundleName"), bundle));
				}
				if (from != null) {
					// The bound the index can seek to; the or breaks ties within it.
					where.add(cb.lessThanOrEqualTo(root.<Instant>get("createdAt"), from.createdAt()));
					where.add(cb.or(cb.lessThan(root.<Instant>get("createdAt"), from.createdAt()),
							cb.and(cb.equal(root.get("createdAt"), from.createdAt()),
									cb.lessThan(root.<UUID>get("id"), from.getId()))));
				}
				return cb.and(where.toArray(Predicate[]::new));
			};
			var newestFirst = Sort.by(Sort.Direction.DESC, "createdAt", "id");
			return sessions.findBy(matching, query -> query.sortBy(newestFirst).limit(limit + 1).all())
				.stream()
				.map(session -> session.view(now))
				.toList();
		}));
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
