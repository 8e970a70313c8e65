package io.vaas.shared;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How {@link FailureThrottle} slows down bad credentials (seed exchanges, operator
 * tokens). A valid credential is never throttled.
 *
 * @param addressFailures failures of one client address that are answered as usual
 * (400/401) before its bad attempts get 429s: generous, since hundreds of agents may
 * share the address of a node or NAT gateway
 * @param credentialFailures failures of one presented credential (a pod retrying a spent
 * seed, a revoked token) before its attempts get 429s
 * @param window how long a key must stay quiet for its count to start again
 * @param maxDelay the longest {@code Retry-After}; the delay doubles from 1 s up to it
 */
@ConfigurationProperties("vaas.throttle")
public record ThrottleProperties(@DefaultValue("100") int addressFailures, @DefaultValue("10") int credentialFailures,
		@DefaultValue("1m") Duration window, @DefaultValue("1m") Duration maxDelay) {

	public ThrottleProperties {
		if (addressFailures < 0 || credentialFailures < 0 || window.isNegative() || window.isZero()
				|| maxDelay.isNegative() || maxDelay.isZero()) {
			throw new IllegalArgumentException(
					"vaas.throttle: failure counts must be >= 0, window and max-delay longer than zero");
		}
	}

}
