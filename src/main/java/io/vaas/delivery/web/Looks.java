package io.vaas.delivery.web;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the looks of woken long-polls on at most {@link #most} virtual threads at a time,
 * each taking one look after another from a shared queue: a change that wakes ten
 * thousand polls starts a few threads, not ten thousand (whose scheduling, parking and
 * waking took more of the cores than the looks themselves). A look that blocks (a render
 * reading the database) holds one of them; the others go on.
 */
final class Looks implements Executor {

	private static final Logger log = LoggerFactory.getLogger(Looks.class);

	/**
	 * The most virtual threads taking looks at once, by default: a look that blocks (on a
	 * database that hangs, up to its 30 s socket timeout) holds one, so there are enough
	 * for the looks that need no database to go on beside many that wait.
	 */
	static final int MOST = 256;

	private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger running = new AtomicInteger();

	private final int most;

	private final ExecutorService threads;

	Looks(String name, int most) {
		this.most = most;
		this.threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name, 0).factory());
	}

	/**
	 * Runs the look soon.
	 * @throws RejectedExecutionException once shut down
	 */
	@Override
	public void execute(Runnable look) {
		if (threads.isShutdown()) {
			throw new RejectedExecutionException("shut down");
		}
		queue.add(look);
		if (claim()) {
			try {
				threads.execute(this::drain);
			}
			catch (RejectedExecutionException ex) {
				running.decrementAndGet();
				throw ex;
			}
		}
	}

	/** Takes no more looks; those queued so far are still taken. */
	void shutdown() {
		threads.shutdown();
	}

	/** Virtual threads taking looks now. */
	int running() {
		return running.get();
	}

	private boolean claim() {
		for (int now; (now = running.get()) < most;) {
			if (running.compareAndSet(now, now + 1)) {
				return true;
			}
		}
		return false;
	}

	private void drain() {
		do {
			for (Runnable look; (look = queue.poll()) != null;) {
				try {
					look.run();
				}
				catch (RuntimeException | Error ex) {
					log.warn("event=long_poll_look_failed error={}", ex.getClass().getSimpleName());
				}
			}
			running.decrementAndGet();
			// A look queued while this thread was leaving, when all were taken, is taken
			// here: the last thread to leave sees it.
		}
		while (!queue.isEmpty() && claim());
	}

}
