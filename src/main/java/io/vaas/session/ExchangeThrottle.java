package io.vaas.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Component;

/**
 * Slows down seed guessing: after {@link SessionProperties#exchangeFailures()} failed
 * exchanges from one client address within the window, that address gets 429 until its
 * oldest failure leaves the window. Kept per replica, in memory, for at most 100,000
 * addresses.
 */
@Component
class ExchangeThrottle {

	private final int limit;

	private final Duration window;

	private final Clock clock;

	private final Cache<String, Deque<Instant>> failures;

	ExchangeThrottle(SessionProperties properties, Clock clock) {
		this.limit = properties.exchangeFailures();
		this.window = properties.exchangeFailureWindow();
		this.clock = clock;
		this.failures = Caffeine.newBuilder().expireAfterAccess(window).maximumSize(100_000).build();
	}

	/** How long the address must wait, if it must. */
	Optional<Duration> retryAfter(String address) {
		var recent = failures.getIfPresent(address);
		if (recent == null) {
			return Optional.empty();
		}
		synchronized (recent) {
			var now = clock.instant();
			while (!recent.isEmpty() && !recent.peekFirst().plus(window).isAfter(now)) {
				recent.pollFirst();
			}
			if (recent.size() < limit) {
				return Optional.empty();
			}
			var wait = Duration.between(now, recent.peekFirst().plus(window));
			return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
		}
	}

	void failed(String address) {
		var recent = failures.get(address, key -> new ArrayDeque<>());
		synchronized (recent) {
			recent.addLast(clock.instant());
			while (recent.size() > limit) {
				recent.pollFirst();
			}
		}
	}

}
