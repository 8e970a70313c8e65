package io.vaas.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import io.vaas.shared.Lull;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The queue behind {@link AuditLog#recordSoon}: one thread appends what waits to the hash
 * chain itself ({@link AuditChain}: each event written once, not first to the
 * {@link AuditInbox} and then again by the {@link AuditSequencer}), up to {@link #BATCH}
 * events per transaction, once a burst of them has ended (at most 2 s after the first,
 * {@link Lull}), and keeps a batch while the database is away ({@link AuditAppends}). It
 * stops after the web server (so events of requests answered while the server drains are
 * queued and appended) and before the {@link AuditSequencer}; once stopped it takes no
 * more events and the caller appends them itself.
 */
@Component
class AuditBatches implements SmartLifecycle {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AuditBatches.class);

	/** Events per batch transaction. */
	static final int BATCH = 500;

	private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(100_000);

	private final AtomicLong queued = new AtomicLong();

	private final AtomicLong done = new AtomicLong();

	private final AuditAppends appends;

	private volatile boolean running;

	/** Whether {@link #offer} queues; changed only under the write lock. */
	private boolean accepting;

	/** Read by every offer, written when the queue stops taking events. */
	private final ReentrantReadWriteLock accepted = new ReentrantReadWriteLock();

	private volatile @Nullable Thread drainer;

	AuditBatches(AuditChain chain, PlatformTransactionManager transactions) {
		this.appends = new AuditAppends(chain, transactions, () -> running);
	}

	/**
	 * Queues the event; false when the queue is full or stopped (the caller appends it
	 * itself).
	 */
	boolean offer(AuditEntry entry, @Nullable String clientAddress, Instant at) {
		var lock = accepted.readLock();
		lock.lock();
		try {
			if (!accepting) {
				return false;
			}
			queued.incrementAndGet();
			if (queue.offer(new Pending(entry, clientAddress, at))) {
				return true;
			}
			queued.decrementAndGet();
			return false;
		}
		finally {
			lock.unlock();
		}
	}

	/** Whether every event queued so far has been appended, or given up on and logged. */
	boolean settled() {
		return done.get() == queued.get();
	}

	@Override
	public void start() {
		running = true;
		acceptEvents(true);
		drainer = Thread.ofPlatform().daemon().name("vaas-audit-batch").start(() -> {
			var backlog = false;
			while (running || !queue.isEmpty()) {
				try {
					var first = queue.poll(200, TimeUnit.MILLISECONDS);
					if (first == null) {
						continue;
					}
					if (!backlog) {
						lull();
					}
					var batch = new ArrayList<Pending>();
					batch.add(first);
					queue.drainTo(batch, BATCH - 1);
					backlog = !queue.isEmpty();
					try {
						appends.untilDone(batch.stream()
							.map(pending -> AuditInbox.Row.of(pending.entry(), pending.clientAddress(), pending.at()))
							.toList());
					}
					finally {
						done.addAndGet(batch.size());
					}
				}
				catch (InterruptedException ex) {
					// Nothing more is queued that no one would append.
					acceptEvents(false);
					running = false;
				}
			}
		});
	}

	/**
	 * Lets a burst of events (agents woken by a change, fetching) end before appending
	 * them: their answers go out first ({@link Lull}). Not again while a backlog is
	 * written.
	 */
	private void lull() {
		try {
			Lull.DEFAULT.await(queue::size, () -> !running);
		}
		catch (InterruptedException ex) {
			// Appended now; the drainer's next wait sees the interrupt and stops.
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void stop() {
		// No event is queued after this, so the drainer empties the queue and ends.
		acceptEvents(false);
		running = false;
		var thread = drainer;
		if (thread != null) {
			try {
				thread.join(5_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			if (thread.isAlive()) {
				// Still appending when the database and the process go away: say what is
				// lost.
				log.error("event=audit_batch_lost events={} reason=shutdown_timeout", queue.size());
			}
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/**
	 * Between the web server's stop ({@code DEFAULT_PHASE - 2048}, after its graceful
	 * shutdown at {@code - 1024}) and the {@link AuditSequencer} ({@code - 4096}).
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 3072;
	}

	private void acceptEvents(boolean accept) {
		var lock = accepted.writeLock();
		lock.lock();
		try {
			accepting = accept;
		}
		finally {
			lock.unlock();
		}
	}

	private record Pending(AuditEntry entry, @Nullable String clientAddress, Instant at) {
	}

}
