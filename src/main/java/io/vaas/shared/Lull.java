package io.vaas.shared;

import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * Holds background writes back while a burst of answers goes out: a change that wakes ten
 * thousand agents at once queues ten thousand fetch records, and writing them while the
 * answers are still being made takes the cores (this server's and the database's) from
 * those answers. A writer waits while its queue keeps growing, until it stays the same
 * for {@link #quietMillis} or {@link #maxMillis} have passed, then writes all of it in
 * fewer, fuller batches. What is held back is what the server already records "soon"
 * (never something a request's answer waits for), and it is held for at most
 * {@link #maxMillis}.
 *
 * @param quietMillis how long the queue must not grow
 * @param maxMillis the longest a writer waits in all
 */
public record Lull(long quietMillis, long maxMillis) {

	/**
	 * 200 ms without a new record (the looks of 10,000 woken polls queue their records
	 * within a few hundred ms, and their answers go out meanwhile), or at most 2 s.
	 */
	public static final Lull DEFAULT = new Lull(200, 2000);

	/**
	 * Waits while {@code size} grows, up to {@link #maxMillis}; at once when
	 * {@code stopping}.
	 * @return how many times {@code size} was read
	 */
	public int await(IntSupplier size, BooleanSupplier stopping) throws InterruptedException {
		var deadline = System.nanoTime() + maxMillis * 1_000_000;
		var seen = size.getAsInt();
		var looks = 1;
		while (!stopping.getAsBoolean() && deadline - System.nanoTime() > 0) {
			Thread.sleep(Math.min(quietMillis, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
			var now = size.getAsInt();
			looks++;
			if (now <= seen) {
				break;
			}
			seen = now;
		}
		return looks;
	}

}
