package io.vaas.shared;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LullUnitTests {

	@Test
	void goesOnOnceTheQueueStopsGrowing() throws InterruptedException {
		var sizes = new int[] { 1, 2, 3, 4, 4, 5, 6 };
		var read = new AtomicInteger();
		var looks = new Lull(1, 60_000).await(() -> sizes[read.getAndIncrement()], () -> false);
		assertThat(looks).as("three looks that grew, one that did not").isEqualTo(5);
		assertThat(read).hasValue(5);
	}

	@Test
	void aQueueThatDoesNotGrowIsWrittenAfterOneQuietSpell() throws InterruptedException {
		assertThat(new Lull(1, 60_000).await(() -> 7, () -> false)).isEqualTo(2);
	}

	@Test
	void aQueueThatShrinksIsNotWaitedFor() throws InterruptedException {
		var size = new AtomicInteger(10);
		assertThat(new Lull(1, 60_000).await(size::decrementAndGet, () -> false)).isEqualTo(2);
	}

	@Test
	void waitsNoLongerThanItsMostWhileTheQueueKeepsGrowing() throws InterruptedException {
		var size = new AtomicInteger();
		var started = System.nanoTime();
		var looks = new Lull(5, 100).await(size::incrementAndGet, () -> false);
		var took = Duration.ofNanos(System.nanoTime() - started);
		assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(100)).isLessThan(Duration.ofSeconds(30));
		assertThat(looks).isGreaterThan(2).isLessThanOrEqualTo(100 / 5 + 2);
	}

	@Test
	void doesNotWaitWhenStopping() throws InterruptedException {
		var size = new AtomicInteger();
		assertThat(new Lull(60_000, 60_000).await(size::incrementAndGet, () -> true)).isEqualTo(1);
	}

}
