package io.vaas.audit;

import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records audit events and reads them back. {@link #record} joins the caller's
 * transaction, so an event exists exactly when the change it records was committed, and
 * is durable before the request is answered; {@link #recordIndependently} commits on its
 * own, for refusals whose request rolls back. Events are committed to {@link AuditInbox}
 * without waiting for other writers and given their place in the hash chain in batches by
 * {@link AuditSequencer}; {@link #search} and {@link #verify} chain what is waiting
 * first. Events of {@link #recordSoon} skip the inbox: their queue appends them to the
 * chain itself ({@link AuditBatches}).
 */
@Service
public class AuditLog {

	static final int VERIFY_BATCH = 1000;

	private final AuditEvents events;

	private final AuditHeads heads;

	private final AuditInbox inbox;

	private final AuditSequencer sequencer;

	private final TransactionTemplate joining;

	private final TransactionTemplate independent;

	private final TransactionTemplate reading;

	private final TransactionTemplate snapshot;

	private final Clock clock;

	private final AuditPages pages;

	private final AuditBatches batches;

	AuditLog(AuditEvents events, AuditHeads heads, AuditInbox inbox, AuditSequencer sequencer, AuditPages pages,
			AuditBatches batches, PlatformTransactionManager transactions, Clock clock) {
		this.events = events;
		this.heads = heads;
		this.inbox = inbox;
		this.sequencer = sequencer;
		this.joining = new TransactionTemplate(transactions);
		this.independent = new TransactionTemplate(transactions);
		this.independent.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.reading = new TransactionTemplate(transactions);
		this.reading.setReadOnly(true);
		// One snapshot for the whole walk and the head read after it: events appended
		// meanwhile (their head moved in the same commit) are not seen half.
		this.snapshot = new TransactionTemplate(transactions);
		this.snapshot.setReadOnly(true);
		this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		this.clock = clock;
		this.pages = pages;
		this.batches = batches;
	}

	/**
	 * Records in the caller's transaction: committed with it, chained soon after. (A
	 * template, not an annotation: the log is not proxied, so {@link #recordSoon}, called
	 * for every fetch, is a plain call.)
	 */
	public void record(AuditEntry entry) {
		joining.executeWithoutResult(status -> append(entry));
	}

	/**
	 * Records several events in the caller's transaction, in one batch: committed with
	 * it, chained soon after. For work done for several requests at once, so each event
	 * says which client it was done for.
	 * @param clientAddresses each entry's client address, in the entries' order
	 */
	public void recordAll(List<AuditEntry> entries, List<@Nullable String> clientAddresses) {
		if (entries.size() != clientAddresses.size()) {
			throw new IllegalArgumentException("one client address per entry");
		}
		var at = clock.instant();
		var rows = new ArrayList<AuditInbox.Row>(entries.size());
		for (var i = 0; i < entries.size(); i++) {
			rows.add(AuditInbox.Row.of(entries.get(i), clientAddresses.get(i), at));
		}
		joining.executeWithoutResult(status -> {
			inbox.addAll(rows);
			sequencer.nudge();
		});
	}

	/** Appends in a transaction of its own. */
	public void recordIndependently(AuditEntry entry) {
		independent.executeWithoutResult(status -> append(entry));
	}

	/**
	 * Appends soon, in batches, outside the caller's transaction: for high-volume events
	 * that record no change (bundle fetches, refusals of unauthenticated requests), so a
	 * thousand agents woken at once, or a flood of bad credentials, do not each take a
	 * transaction and a connection. The event keeps the time and client address of the
	 * request. Falls back to {@link #recordIndependently} when the queue is full.
	 */
	public void recordSoon(AuditEntry entry) {
		if (!batches.offer(entry, ClientAddress.current(), clock.instant())) {
			recordIndependently(entry);
		}
	}

	/**
	 * Whether every event given to {@link #recordSoon} so far has been dealt with
	 * (appended, or given up on and logged): what a reader of the log waits for before it
	 * counts.
	 */
	public boolean settled() {
		return batches.settled();
	}

	private void append(AuditEntry entry) {
		append(entry, ClientAddress.current(), clock.instant());
	}

	private void append(AuditEntry entry, @Nullable String clientAddress, java.time.Instant at) {
		inbox.add(AuditInbox.Row.of(entry, clientAddress, at));
		sequencer.nudge();
	}

	/**
	 * Events matching the filter, newest first: every event committed before the call,
	 * chained first if it was waiting.
	 */
	public Page<AuditView> search(AuditFilter filter, int page, int size) {
		sequencer.flush();
		return java.util.Objects.requireNonNull(reading.execute(status -> pages.page(filter, page, size)));
	}

	/**
	 * Chains every event committed before the call, then walks the whole chain and
	 * reports the first event that is missing, edited or out of place, and how many
	 * events were committed meanwhile and wait for their place.
	 */
	public Verification verify() {
		sequencer.flush();
		var verification = java.util.Objects.requireNonNull(snapshot.execute(status -> walk()));
		return verification.waiting(sequencer.waiting());
	}

	private Verification walk() {
		var expectedPrev = HashChain.GENESIS;
		long expectedSeq = 1;
		long checked = 0;
		while (true) {
			var batch = events.findBySeqGreaterThanOrderBySeq(expectedSeq - 1, Pageable.ofSize(VERIFY_BATCH));
			if (batch.isEmpty()) {
				break;
			}
			for (var event : batch) {
				if (event.seq() != expectedSeq) {
					return Verification.broken(checked, expectedSeq, "event is missing");
				}
				if (!MessageDigest.isEqual(event.prevHash(), expectedPrev)) {
					return Verification.broken(checked, event.seq(), "does not link to the event before it");
				}
				if (!MessageDigest.isEqual(HashChain.hash(event), event.hash())) {
					return Verification.broken(checked, event.seq(), "content does not match its hash");
				}
				expectedPrev = event.hash();
				expectedSeq++;
				checked++;
			}
		}
		var head = heads.read();
		if (head.lastSeq() != expectedSeq - 1 || !MessageDigest.isEqual(head.lastHash(), expectedPrev)) {
			return Verification.broken(checked, expectedSeq, "events are missing at the end of the log");
		}
		return Verification.ok(checked);
	}

}
