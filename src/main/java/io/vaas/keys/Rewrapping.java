package io.vaas.keys;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vaas.audit.AuditEntry;
import io.vaas.audit.AuditLog;
import io.vaas.audit.Outcome;
import io.vaas.shared.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * The second half of a KEK rotation: moving every data key in every
 * {@link WrappedKeyStore} under the new primary KEK, in short batches while the service
 * keeps serving. A data key that no longer unwraps is counted and left alone.
 */
final class Rewrapping {

	private static final Logger log = LoggerFactory.getLogger(Rewrapping.class);

	private final List<WrappedKeyStore> stores;

	private final Keks keks;

	private final TransactionTemplate transactions;

	private final AuditLog audit;

	private final KeyRing ring;

	Rewrapping(List<WrappedKeyStore> stores, Keks keks, TransactionTemplate transactions, AuditLog audit,
			KeyRing ring) {
		this.stores = stores;
		this.keks = keks;
		this.transactions = transactions;
		this.audit = audit;
		this.ring = ring;
	}

	/**
	 * Re-wraps every data key not wrapped by {@code target} (the primary KEK), store by
	 * store, in batches of its own transaction; audits and returns the tally.
	 */
	RotationResult run(UUID target, int batchSize, Actor actor) {
		long rewrapped = 0;
		long unreadable = 0;
		for (var store : stores) {
			// Passes until one re-wraps nothing: a write that read the old primary just
			// before the
			// rotation committed may land behind the cursor of the pass that was under
			// way.
			long[] pass;
			do {
				pass = sweep(store, target, batchSize);
				rewrapped += pass[0];
			}
			while (pass[0] > 0);
			unreadable += pass[1];
		}
		var remaining = counts().entrySet()
			.stream()
			.filter(entry -> !entry.getKey().equals(target))
			.mapToLong(Map.Entry::getValue)
			.sum();
		var result = new RotationResult(target, rewrapped, unreadable, remaining);
		transactions.executeWithoutResult(status -> audit.record(new AuditEntry(actor, "key.rewrap", null,
				target.toString(), null, Outcome.SUCCESS, result.rewrapped() + " data keys re-wrapped, "
						+ result.unreadable() + " unreadable, " + result.remaining() + " remaining")));
		log.info("event=kek_rewrap primary_kek={} rewrapped={} unreadable={} remaining={}", target, rewrapped,
				unreadable, remaining);
		return result;
	}

	/** One pass over a store in id order; returns {re-wrapped, unreadable}. */
	private long[] sweep(WrappedKeyStore store, UUID target, int batchSize) {
		var counts = new long[2];
		var after = new UUID(0, 0);
		while (true) {
			var batch = store.wrappedByOtherThan(target, after, batchSize);
			if (batch.isEmpty() || !target.equals(keks.findPrimary().orElseThrow().id())) {
				// Done, or a newer rotation took over: its sweep re-wraps everything.
				return counts;
			}
			after = batch.getLast().id();
			transactions.executeWithoutResult(status -> {
				for (var stored : batch) {
					byte[] dataKey;
					try {
						dataKey = ring.unwrap(stored.key(), stored.context());
					}
					catch (DecryptionFailed ex) {
						log.warn("event=rewrap_skipped id={} kek={} reason=\"does not unwrap\"", stored.id(),
								stored.key().kekId());
						counts[1]++;
						continue;
					}
					try {
						if (store.replace(stored, ring.wrapWith(target, dataKey, stored.context()))) {
							counts[0]++;
						}
					}
					finally {
						Arrays.fill(dataKey, (byte) 0);
					}
				}
			});
		}
	}

	/** How many data keys each KEK wraps, over every store. */
	Map<UUID, Long> counts() {
		var total = new HashMap<UUID, Long>();
		stores.forEach(store -> store.countByKek().forEach((id, n) -> total.merge(id, n, Long::sum)));
		return total;
	}

}
