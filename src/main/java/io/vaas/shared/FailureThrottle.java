package io.vaas.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Component;

/**
 * Slows down whoever keeps presenting bad credentials, without ever standing in the way
 * of a good one: callers check a credential first and only report failures here. Failures
 * are counted per client address and per presented credential (a hash of it, never the
 * credential). Past {@link ThrottleProperties#addressFailures()} failures of one address,
 * or {@link ThrottleProperties#credentialFailures()} of one credential, each further
 * failure answers 429 with a delay that doubles from one second up to
 * {@link ThrottleProperties#maxDelay()}; a key quiet for
 * {@link ThrottleProperties#window()} starts again. Kept per replica, in memory, for at
 * most 100,000 addresses and 100,000 credentials.
 */
@Component
public class FailureThrottle {

	private final ThrottleProperties properties;

	private final Clock clock;

	private final Cache<String, Failures> addresses;

	private final Cache<String, Failures> credentials;

	FailureThrottle(ThrottleProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
		var forget = properties.window().plus(properties.maxDelay());
		this.addresses = Caffeine.newBuilder().expireAfterAccess(forget).maximumSize(100_000).build();
		this.credentials = Caffeine.newBuilder().expireAfterAccess(forget).maximumSize(100_000).build();
	}

	/**
	 * Records a failed attempt by a client with a credential ({@code null} when the
	 * request carried none that could be read).
	 * @return how long the client should wait before trying again, once it is past its
	 * free failures
	 */
	public Optional<Duration> failed(String address, @org.jspecify.annotations.Nullable String credential) {
		var now = clock.instant();
		var wait = addresses.get(address, key -> new Failures()).fail(now, properties.addressFailures(), properties);
		if (credential != null) {
			var forCredential = credentials.get(credential, key -> new Failures())
				.fail(now, properties.credentialFailures(), properties);
			wait = forCredential.compareTo(wait) > 0 ? forCredential : wait;
		}
		return wait.isZero() ? Optional.empty() : Optional.of(wait);
	}

	/**
	 * A credential that worked: its own failures are forgotten (its address's are not).
	 */
	public void succeeded(String credential) {
		credentials.invalidate(credential);
	}

	/** The key under which a presented credential is counted: a hash, never the value. */
	public static String credentialKey(String kind, String presented) {
		return kind + ":" + java.util.HexFormat.of().formatHex(Tokens.hash(presented), 0, 12);
	}

	/** Seconds for {@code Retry-After}: at least one, rounded up. */
	public static long retryAfterSeconds(Duration wait) {
		return Math.max(1, (wait.toMillis() + 999) / 1000);
	}

	private static final class Failures {

		private int count;

		private Instant last = Instant.MIN;

		synchronized Duration fail(Instant now, int free, ThrottleProperties properties) {
			if (last.plus(properties.window()).isBefore(now)) {
				count = 0;
			}
			last = now;
			count = count == Integer.MAX_VALUE ? count : count + 1;
			int over = count - free;
			if (over <= 0) {
				return Duration.ZERO;
			}
			var max = properties.maxDelay();
			// 1 s, 2 s, 4 s, ... up to the maximum
			return over > 30 ? max : min(Duration.ofSeconds(1L << (over - 1)), max);
		}

		private static Duration min(Duration a, Duration b) {
			return a.compareTo(b) <= 0 ? a : b;
		}

	}

}
