package io.vaas.audit;

import java.sql.SQLException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.vaas.shared.DatabaseFailures;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives waiting events ({@link AuditInbox}) their place in the hash chain: in batches of
 * up to {@link #BATCH}, oldest first, each event linked to the one before it, in one
 * transaction that holds the chain's head ({@link AuditChain}), so sequencers of several
 * replicas take turns. Group commit: a thousand requests that commit their events at once
 * cost one lock and one chain transaction here, not a thousand turns on the head.
 * <p>
 * Runs on a thread of its own, woken when a transaction with an event commits (at most
 * once per {@link #LINGER_MILLIS}) and every {@link #POLL_MILLIS} for those of other
 * replicas; readers of the chain call {@link #flush} first, so they see every event
 * committed before they asked.
 */
@Component
class AuditSequencer implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(AuditSequencer.class);

	static final int BATCH = 1000;

	static final long POLL_MILLIS = 200;

	/** The least time between the starts of two rounds of this thread. */
	static final long LINGER_MILLIS = 20;

	private static final long MAX_BACKOFF_MILLIS = 2000;

	private final AuditInbox inbox;

	private final AuditChain chain;

	private final TransactionTemplate transactions;

	private final Semaphore wake = new Semaphore(0);

	private volatile boolean running;

	private volatile @Nullable Thread thread;

	AuditSequencer(AuditInbox inbox, AuditChain chain, PlatformTransactionManager transactions) {
		this.inbox = inbox;
		this.chain = chain;
		this.transactions = new TransactionTemplate(transactions);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/** Chains soon: after the current transaction commits, if one is open. */
	void nudge() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					wake();
				}
			});
		}
		else {
			wake();
		}
	}

	private void wake() {
		if (wake.availablePermits() == 0) {
			wake.release();
		}
	}

	/**
	 * Chains every event committed so far, on the calling thread.
	 * @return how many this call chained (others may have chained some meanwhile)
	 */
	long flush() {
		long chained = 0;
		int moved;
		do {
			moved = chainOldest();
			chained += moved;
		}
		while (moved == BATCH);
		return chained;
	}

	/** Events committed but not chained yet. */
	long waiting() {
		return inbox.count();
	}

	private int chainOldest() {
		if (!inbox.anyWaiting()) {
			return 0;
		}
		var moved = transactions.execute(status -> {
			var head = chain.lock();
			var rows = inbox.oldest(BATCH);
			if (rows.isEmpty()) {
				return 0;
			}
			chain.append(head, rows);
			inbox.remove(rows);
			return rows.size();
		});
		return moved == null ? 0 : moved;
	}

	@Override
	public void start() {
		running = true;
		thread = Thread.ofPlatform().daemon().name("vaas-audit-sequencer").start(this::run);
	}

	private void run() {
		var backoff = POLL_MILLIS;
		while (running) {
			try {
				wake.tryAcquire(backoff, TimeUnit.MILLISECONDS);
				wake.drainPermits();
				var started = System.nanoTime();
				flush();
				backoff = POLL_MILLIS;
				// Lets what commits meanwhile gather into the next batch: under load a
				// chain transaction per LINGER_MILLIS instead of one per handful of
				// events. Readers of the chain do not wait for it: they flush first.
				var rest = TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS) - (System.nanoTime() - started);
				if (rest > 0 && running) {
					TimeUnit.NANOSECONDS.sleep(rest);
				}
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				// The events stay in the inbox, committed; they are chained once the
				// database answers again.
				backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
				if (DatabaseFailures.isUnavailable(ex)) {
					log.warn("event=audit_sequencer_failed retry_in_ms={} error={}", backoff,
							ex.getClass().getSimpleName());
				}
				else {
					// Neither the message nor the stack trace: the database's message may
					// quote the row ("Failing row contains (…)"), the event's values.
					log.error("event=audit_sequencer_failed retry_in_ms={} error={} sql_state={}", backoff, causes(ex),
							sqlState(ex));
				}
			}
		}
	}

	/** The failure's class and its causes', outermost first. */
	private static String causes(Throwable failure) {
		var names = new java.util.StringJoiner(",");
		for (Throwable t = failure; t != null; t = t.getCause()) {
			names.add(t.getClass().getName());
		}
		return names.toString();
	}

	private static @Nullable String sqlState(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof SQLException sql && sql.getSQLState() != null) {
				return sql.getSQLState();
			}
		}
		return null;
	}

	@Override
	public void stop() {
		running = false;
		var sequencer = thread;
		if (sequencer == null) {
			return;
		}
		wake();
		try {
			sequencer.join(5_000);
			// What was committed meanwhile; whatever is left is chained by the next
			// sequencer to run, here or on another replica.
			flush();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			log.warn("event=audit_sequencer_stopped waiting=unknown error={}", ex.getClass().getSimpleName());
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** Stops after the web server and the batch appender, before the data source. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

}
