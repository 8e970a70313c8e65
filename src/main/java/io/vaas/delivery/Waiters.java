package io.vaas.delivery;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What to run at each namespace's next change: long-polls register here and cancel when
 * they stop waiting first, so a namespace that never changes keeps no finished poll.
 */
final class Waiters {

	private static final Logger log = LoggerFactory.getLogger(Waiters.class);

	private final Map<String, Set<Waiter>> waiting = new ConcurrentHashMap<>();

	/**
	 * Runs {@code wake} at the namespace's next {@link #wake}.
	 * @return what cancels it
	 */
	Runnable add(String namespace, Runnable wake) {
		var waiter = new Waiter(wake);
		waiting.compute(namespace, (key, waiters) -> {
			var set = waiters != null ? waiters : ConcurrentHashMap.<Waiter>newKeySet();
			set.add(waiter);
			return set;
		});
		return () -> waiting.computeIfPresent(namespace, (key, waiters) -> {
			waiters.remove(waiter);
			return waiters.isEmpty() ? null : waiters;
		});
	}

	/** Runs, once, everything waiting for the namespace's next change, on this thread. */
	void wake(String namespace) {
		var waiters = waiting.remove(namespace);
		if (waiters == null) {
			return;
		}
		for (var waiter : waiters) {
			try {
				waiter.wake.run();
			}
			catch (RuntimeException ex) {
				log.warn("event=wake_failed error={}", ex.getClass().getSimpleName());
			}
		}
	}

	int count(String namespace) {
		var waiters = waiting.get(namespace);
		return waiters == null ? 0 : waiters.size();
	}

	Set<String> namespaces() {
		return waiting.keySet();
	}

	/** One registration, an object of its own: cancelling it cancels no other. */
	private static final class Waiter {

		private final Runnable wake;

		private Waiter(Runnable wake) {
			this.wake = wake;
		}

	}

}
