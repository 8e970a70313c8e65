package io.vaas.audit;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import io.vaas.shared.DatabaseFailures;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How {@link AuditBatches} appends a batch to the chain, each in a transaction of its
 * own: while the database is away the batch is kept and tried again, backing off to a few
 * seconds, until it is appended or the server stops (events are not dropped while their
 * requests were answered); a batch holding a value the database refuses is tried again an
 * event at a time, so such an event takes no other with it. What is given up is logged
 * with its count, a refused event with its action and outcome: never the database's
 * message, which may quote the event's values.
 */
final class AuditAppends {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AuditAppends.class);

	private static final Duration MAX_RETRY = Duration.ofSeconds(2);

	private final AuditChain chain;

	private final TransactionTemplate independent;

	private final BooleanSupplier running;

	AuditAppends(AuditChain chain, PlatformTransactionManager transactions, BooleanSupplier running) {
		this.chain = chain;
		this.independent = new TransactionTemplate(transactions);
		this.independent.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.running = running;
	}

	/** Appends the rows; false when they were given up because the server stops. */
	boolean untilDone(List<AuditInbox.Row> rows) throws InterruptedException {
		var backoff = Duration.ofMillis(100);
		while (true) {
			try {
				independent.executeWithoutResult(status -> chain.append(chain.lock(), rows));
				return true;
			}
			catch (DataIntegrityViolationException ex) {
				if (rows.size() == 1) {
					log.error("event=audit_event_lost action={} outcome={} error={}", rows.getFirst().action(),
							rows.getFirst().outcome(), ex.getClass().getName());
					return true;
				}
				log.warn("event=audit_batch_refused events={} error={} then=one_at_a_time", rows.size(),
						ex.getClass().getName());
				return oneAtATime(rows);
			}
			catch (RuntimeException ex) {
				if (!DatabaseFailures.isUnavailable(ex)) {
					// Trying again would fail again.
					log.error("event=audit_batch_failed events={} error={}", rows.size(), ex.getClass().getName());
					return true;
				}
				log.warn("event=audit_batch_failed events={} retry_in_ms={} error={}", rows.size(), backoff.toMillis(),
						ex.getClass().getSimpleName());
				if (!running.getAsBoolean()) {
					log.error("event=audit_batch_lost events={}", rows.size());
					return false;
				}
				sleep(backoff, rows.size());
				backoff = backoff.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : backoff.multipliedBy(2);
			}
		}
	}

	private boolean oneAtATime(List<AuditInbox.Row> rows) throws InterruptedException {
		for (var i = 0; i < rows.size(); i++) {
			var left = rows.size() - i - 1;
			try {
				if (!untilDone(List.of(rows.get(i)))) {
					log.error("event=audit_batch_lost events={}", left);
					return false;
				}
			}
			catch (InterruptedException ex) {
				log.error("event=audit_batch_lost events={} reason=interrupted", left);
				throw ex;
			}
		}
		return true;
	}

	private static void sleep(Duration backoff, int events) throws InterruptedException {
		try {
			Thread.sleep(backoff.toMillis());
		}
		catch (InterruptedException ex) {
			log.error("event=audit_batch_lost events={} reason=interrupted", events);
			throw ex;
		}
	}

}
