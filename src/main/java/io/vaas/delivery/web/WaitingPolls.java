package io.vaas.delivery.web;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-polls waiting now: the {@code vaas_agents_waiting} gauge, and the sweep that
 * goes over them and wakes those with something to look at besides a change (a session
 * revoked without its wake-up reaching them, files made for the session that are due). A
 * sweep is an in-memory check of each; a look of each poll instead would cost a virtual
 * thread, a timer and the look's own work, every second, for each of thousands of agents.
 */
final class WaitingPolls<P> {

	private static final Logger log = LoggerFactory.getLogger(WaitingPolls.class);

	private final Set<P> polls = ConcurrentHashMap.newKeySet();

	WaitingPolls(MeterRegistry meters) {
		Gauge.builder("vaas.agents.waiting", polls, Set::size)
			.description("Agents long-polling for a change")
			.register(meters);
	}

	void add(P poll) {
		polls.add(poll);
	}

	void remove(P poll) {
		polls.remove(poll);
	}

	/**
	 * Wakes each waiting poll that is {@code due}, and each whose check fails (its look
	 * finds out what is wrong, and answers). Never throws: the sweep must go on at its
	 * next turn.
	 */
	void sweep(Predicate<P> due, Consumer<P> wake) {
		for (var poll : polls) {
			boolean wakeIt;
			try {
				wakeIt = due.test(poll);
			}
			catch (RuntimeException ex) {
				wakeIt = true;
			}
			if (!wakeIt) {
				continue;
			}
			try {
				wake.accept(poll);
			}
			catch (RuntimeException ex) {
				// The server is stopping (no more looks): the poll is answered as it
				// stops.
				log.debug("event=long_poll_sweep_wake_failed error={}", ex.getClass().getSimpleName());
			}
		}
	}

}
