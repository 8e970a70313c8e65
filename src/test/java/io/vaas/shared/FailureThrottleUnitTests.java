package io.vaas.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FailureThrottleUnitTests {

	Instant now = Instant.parse("2026-01-01T00:00:00Z");

	FailureThrottle throttle = new FailureThrottle(
			new ThrottleProperties(3, 2, Duration.ofMinutes(1), Duration.ofSeconds(10)), new Clock() {
				@Override
				public Instant instant() {
					return now;
				}

				@Override
				public ZoneOffset getZone() {
					return ZoneOffset.UTC;
				}

				@Override
				public Clock withZone(java.time.ZoneId zone) {
					return this;
				}
			});

	@Test
	void anAddressGetsItsFreeFailuresThenADoublingDelayUpToTheMaximum() {
		for (int i = 0; i < 3; i++) {
			assertThat(throttle.failed("192.0.2.1", null)).isEmpty();
		}
		assertThat(throttle.failed("192.0.2.1", null)).contains(Duration.ofSeconds(1));
		assertThat(throttle.failed("192.0.2.1", null)).contains(Duration.ofSeconds(2));
		assertThat(throttle.failed("192.0.2.1", null)).contains(Duration.ofSeconds(4));
		assertThat(throttle.failed("192.0.2.1", null)).contains(Duration.ofSeconds(8));
		assertThat(throttle.failed("192.0.2.1", null)).contains(Duration.ofSeconds(10));
		for (int i = 0; i < 100; i++) {
			throttle.failed("192.0.2.1", null);
		}
		assertThat(throttle.failed("192.0.2.1", null)).contains(Duration.ofSeconds(10));
		assertThat(throttle.failed("192.0.2.2", null)).as("another address").isEmpty();
	}

	@Test
	void aQuietWindowStartsTheCountAgain() {
		for (int i = 0; i < 4; i++) {
			throttle.failed("192.0.2.1", null);
		}
		now = now.plus(Duration.ofSeconds(59));
		assertThat(throttle.failed("192.0.2.1", null)).as("within the window").isPresent();
		now = now.plus(Duration.ofSeconds(61));
		assertThat(throttle.failed("192.0.2.1", null)).isEmpty();
	}

	@Test
	void aCredentialIsCountedAcrossAddressesAndForgottenWhenItWorks() {
		var spent = FailureThrottle.credentialKey("seed", "vaas_seed_spent");
		assertThat(throttle.failed("192.0.2.1", spent)).isEmpty();
		assertThat(throttle.failed("192.0.2.2", spent)).isEmpty();
		assertThat(throttle.failed("192.0.2.3", spent)).contains(Duration.ofSeconds(1));
		throttle.succeeded(spent);
		assertThat(throttle.failed("192.0.2.4", spent)).isEmpty();
	}

	@Test
	void theLongerOfTheTwoWaitsIsTheAnswer() {
		for (int i = 0; i < 6; i++) {
			throttle.failed("192.0.2.1", null);
		}
		var credential = FailureThrottle.credentialKey("seed", "vaas_seed_x");
		assertThat(throttle.failed("192.0.2.1", credential)).contains(Duration.ofSeconds(8));
		assertThat(throttle.failed("192.0.2.9", credential)).isEqualTo(Optional.empty());
	}

	@Test
	void theCredentialKeyIsAHashNotTheCredential() {
		var key = FailureThrottle.credentialKey("seed", "vaas_seed_secretvalue");
		assertThat(key).startsWith("seed:").doesNotContain("secret").hasSize("seed:".length() + 24);
		assertThat(FailureThrottle.credentialKey("seed", "vaas_seed_other")).isNotEqualTo(key);
	}

	@Test
	void retryAfterIsWholeSecondsRoundedUp() {
		assertThat(FailureThrottle.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
		assertThat(FailureThrottle.retryAfterSeconds(Duration.ofMillis(1001))).isEqualTo(2);
		assertThat(FailureThrottle.retryAfterSeconds(Duration.ofSeconds(4))).isEqualTo(4);
	}

}
