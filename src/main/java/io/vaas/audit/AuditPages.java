package io.vaas.audit;

import java.util.Comparator;
import java.util.List;

import jakarta.persistence.EntityManager;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;

/**
 * Pages of the audit log, newest first, within the caller's read transaction. Without a
 * filter a page is a range of sequence numbers below the chain's head (the chain numbers
 * its events 1, 2, 3… without gaps), and the total is the head's number: no count over
 * the table and no offset to skip, so the first page and the millionth cost the same. A
 * filtered search finds the page's sequence numbers up to the head first (an index per
 * filtered column answers that alone, offset included) and reads only those events; its
 * total comes from {@link AuditCounts}, which counts a filter's matches once and then
 * only what was chained since.
 */
@Component
class AuditPages {

	private final AuditEvents events;

	private final AuditHeads heads;

	private final AuditCounts counts;

	private final EntityManager entities;

	AuditPages(AuditEvents events, AuditHeads heads, AuditCounts counts, EntityManager entities) {
		this.events = events;
		this.heads = heads;
		this.counts = counts;
		this.entities = entities;
	}

	Page<AuditView> page(AuditFilter filter, int page, int size) {
		var request = PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "seq"));
		var head = heads.read();
		var last = head.lastSeq();
		if (filter.any()) {
			var seqs = matchingSeqs(filter, last, (int) request.getOffset(), size);
			return new PageImpl<>(newestFirst(events.findAllById(seqs)), request, counts.count(filter, head));
		}
		var top = last - (long) page * size;
		List<AuditView> content = top < 1 ? List.of()
				: newestFirst(events.findBySeqBetween(Math.max(1, top - size + 1), top));
		return new PageImpl<>(content, request, last);
	}

	private List<Long> matchingSeqs(AuditFilter filter, long last, int offset, int size) {
		var cb = entities.getCriteriaBuilder();
		var query = cb.createQuery(Long.class);
		var root = query.from(AuditEvent.class);
		var where = filter.matching().toPredicate(root, query, cb);
		var upToHead = cb.lessThanOrEqualTo(root.<Long>get("seq"), last);
		query.select(root.get("seq"));
		query.where(where == null ? upToHead : cb.and(where, upToHead));
		query.orderBy(cb.desc(root.get("seq")));
		return entities.createQuery(query).setFirstResult(offset).setMaxResults(size).getResultList();
	}

	private static List<AuditView> newestFirst(List<AuditEvent> found) {
		return found.stream()
			.sorted(Comparator.comparingLong(AuditEvent::seq).reversed())
			.map(AuditEvent::view)
			.toList();
	}

}
