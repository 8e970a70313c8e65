package io.vaas.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Waiting in tests for a condition, never for a fixed time. */
public final class Await {

	private static final Duration LIMIT = Duration.ofSeconds(30);

	private Await() {
	}

	/** Waits, up to 30 s, until the condition holds; fails saying what did not. */
	public static void until(BooleanSupplier condition, String what) throws InterruptedException {
		until(condition, () -> what);
	}

	/** Waits, up to 30 s, until the condition holds; fails saying what did not. */
	public static void until(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
		var deadline = System.nanoTime() + LIMIT.toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime() - deadline).as(() -> "waited " + LIMIT.toSeconds() + " s for " + what.get())
				.isNegative();
			Thread.sleep(10);
		}
	}

}
