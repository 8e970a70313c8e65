package io.vaas.audit;

import java.security.MessageDigest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.persistence.EntityManager;

import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Component;

/**
 * How many events match a filter, up to a place in the chain. The first count of a filter
 * reads every match; later counts of the same filter read only the events chained since,
 * and add them: the chain's events never change, so a count up to an event stays true as
 * long as that event's hash is still the one counted at (which also notices a database
 * restored from a backup or replaced under the server). Operators paging through one
 * search ask for the same count on every page.
 */
@Component
class AuditCounts {

	private static final int FILTERS_KEPT = 256;

	private final Cache<AuditFilter, Counted> counted = Caffeine.newBuilder().maximumSize(FILTERS_KEPT).build();

	private final AuditEvents events;

	private final EntityManager entities;

	AuditCounts(AuditEvents events, EntityManager entities) {
		this.events = events;
		this.entities = entities;
	}

	/** Events matching the filter among the chain's first {@code head.lastSeq()}. */
	long count(AuditFilter filter, AuditHead head) {
		return count(filter, head.lastSeq(), head.lastHash());
	}

	/**
	 * Events matching the filter among the chain's first {@code upTo}, the last of them
	 * with this hash. A count kept from further along the same chain (a later head, read
	 * by a request that began after this one) is taken back to {@code upTo}.
	 */
	long count(AuditFilter filter, long upTo, byte[] hash) {
		var before = counted.getIfPresent(filter);
		if (before != null && before.stillAt(hashAt(before.upTo(), upTo, hash))) {
			if (before.upTo() > upTo) {
				return before.count() - countBetween(filter, upTo + 1, before.upTo());
			}
			var count = before.count() + countBetween(filter, before.upTo() + 1, upTo);
			counted.asMap()
				.merge(filter, new Counted(upTo, hash, count),
						(kept, fresh) -> kept.upTo() > fresh.upTo() ? kept : fresh);
			return count;
		}
		// Never counted, or counted on a chain that is not this one any more (restored
		// from a backup, replaced): what was kept goes.
		var count = countBetween(filter, 1, upTo);
		counted.put(filter, new Counted(upTo, hash, count));
		return count;
	}

	private long countBetween(AuditFilter filter, long from, long to) {
		if (from > to) {
			return 0;
		}
		Specification<AuditEvent> between = (root, query, cb) -> cb.between(root.get("seq"), from, to);
		return events.count(filter.matching().and(between));
	}

	private byte[] hashAt(long seq, long upTo, byte[] hash) {
		if (seq == upTo) {
			return hash;
		}
		var found = entities.createQuery("select e.hash from AuditEvent e where e.seq = :seq", byte[].class)
			.setParameter("seq", seq)
			.getResultList();
		return found.isEmpty() ? new byte[0] : found.getFirst();
	}

	private record Counted(long upTo, byte[] hash, long count) {

		boolean stillAt(byte[] current) {
			return MessageDigest.isEqual(hash, current);
		}

	}

}
