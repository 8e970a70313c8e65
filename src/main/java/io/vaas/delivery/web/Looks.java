package io.vaas.delivery.web;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the looks of woken long-polls on at most a given number of virtual threads, each
 * taking one look after another from a shared queue (the JDK's pool, its threads
 * virtual): a change that wakes ten thousand polls runs on a few hundred threads, not ten
 * thousand (whose scheduling, parking and waking took more of the cores than the looks
 * themselves). Once started, a thread stays, parked on the queue without a timeout, for
 * the next change (a virtual thread parked costs a few KB, its stack): threads that left
 * after a second without work were started again at every change, each waiting on a
 * timer, in the middle of its wake. A look that blocks (a render reading the database)
 * holds one of them; the others go on. A look that fails is logged and stops no other.
 * Shut down, its threads leave.
 */
final class Looks extends ThreadPoolExecutor {

	private static final Logger log = LoggerFactory.getLogger(Looks.class);

	/**
	 * The most virtual threads taking looks at once, by default: a look that blocks (on a
	 * database that hangs, up to its 30 s socket timeout) holds one, so there are enough
	 * for the looks that need no database to go on beside many that wait.
	 */
	static final int MOST = 256;

	Looks(String name, int most) {
		super(most, most, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), Thread.ofVirtual().name(name, 0).factory());
	}

	/**
	 * Runs the look soon.
	 * @throws java.util.concurrent.RejectedExecutionException once shut down
	 */
	@Override
	public void execute(Runnable look) {
		super.execute(() -> {
			try {
				look.run();
			}
			catch (RuntimeException | Error ex) {
				log.warn("event=long_poll_look_failed error={}", ex.getClass().getSimpleName());
			}
		});
	}

}
