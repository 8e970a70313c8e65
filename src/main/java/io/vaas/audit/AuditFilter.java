package io.vaas.audit;

import java.time.Instant;
import java.util.ArrayList;

import jakarta.persistence.criteria.Predicate;
import org.jspecify.annotations.Nullable;

import org.springframework.data.jpa.domain.Specification;

/**
 * What to look for in the audit log; every part is optional.
 *
 * @param namespace events in this namespace
 * @param actor events by this actor name
 * @param action events with this action, e.g. {@code secret.reveal}
 * @param outcome events with this outcome, e.g. {@code denied}
 * @param since events at or after this time
 * @param until events before this time
 */
public record AuditFilter(@Nullable String namespace, @Nullable String actor, @Nullable String action,
		@Nullable String outcome, @Nullable Instant since, @Nullable Instant until) {

	/** Whether anything is asked for: without a filter every event matches. */
	boolean any() {
		return namespace != null || actor != null || action != null || outcome != null || since != null
				|| until != null;
	}

	/** The events that match, as a query. */
	Specification<AuditEvent> matching() {
		return (root, query, cb) -> {
			var where = new ArrayList<Predicate>();
			if (namespace != null) {
				where.add(cb.equal(root.get("namespace"), namespace));
			}
			if (actor != null) {
				where.add(cb.equal(root.get("actorName"), actor));
			}
			if (action != null) {
				where.add(cb.equal(root.get("action"), action));
			}
			if (outcome != null) {
				where.add(cb.equal(root.get("outcome"), outcome));
			}
			if (since != null) {
				where.add(cb.greaterThanOrEqualTo(root.get("occurredAt"), since));
			}
			if (until != null) {
				where.add(cb.lessThan(root.get("occurredAt"), until));
			}
			return cb.and(where.toArray(Predicate[]::new));
		};
	}

}
