package io.vaas.delivery.web;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LooksUnitTests {

	@Test
	void takesLooksOnNoMoreThreadsThanItsMostAndTakesEveryOne() throws Exception {
		var looks = new Looks("test-look-", 3);
		var release = new CountDownLatch(1);
		var busy = new AtomicInteger();
		var mostBusy = new AtomicInteger();
		var done = new AtomicInteger();
		for (int i = 0; i < 20; i++) {
			looks.execute(() -> {
				mostBusy.accumulateAndGet(busy.incrementAndGet(), Math::max);
				try {
					release.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				busy.decrementAndGet();
				done.incrementAndGet();
			});
		}
		awaitTrue(() -> busy.get() == 3, "three looks blocked");
		assertThat(looks.getPoolSize()).isEqualTo(3);
		assertThat(looks.getQueue()).hasSize(17);
		release.countDown();
		awaitTrue(() -> done.get() == 20, "every look taken");
		assertThat(mostBusy).hasValue(3);
		awaitTrue(() -> looks.getPoolSize() == 0, "its threads gone");
		looks.shutdown();
	}

	@Test
	void aLookThatFailsStopsNoOther() throws Exception {
		var looks = new Looks("test-look-", 1);
		var done = new AtomicInteger();
		looks.execute(() -> {
			throw new IllegalStateException("this look fails");
		});
		looks.execute(done::incrementAndGet);
		awaitTrue(() -> done.get() == 1, "the next look taken");
		awaitTrue(() -> looks.getPoolSize() == 0, "its thread gone");
		looks.shutdown();
	}

	/** Looks queued while its threads leave are not left behind. */
	@Test
	void leavesNoLookBehindWhenManyComeFromManyThreads() throws Exception {
		var looks = new Looks("test-look-", 2);
		var done = new AtomicInteger();
		var senders = new Thread[4];
		for (int s = 0; s < senders.length; s++) {
			senders[s] = Thread.ofPlatform().start(() -> {
				for (int i = 0; i < 50_000; i++) {
					looks.execute(done::incrementAndGet);
					if (i % 1000 == 0) {
						Thread.yield();
					}
				}
			});
		}
		for (var sender : senders) {
			sender.join();
		}
		awaitTrue(() -> done.get() == 200_000, "every look taken");
		awaitTrue(() -> looks.getPoolSize() == 0, "its threads gone");
		looks.shutdown();
	}

	@Test
	void takesNoLookOnceShutDown() {
		var looks = new Looks("test-look-", 2);
		looks.shutdown();
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> looks.execute(() -> {
		}));
	}

	private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
		var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as(what).isLessThan(deadline);
			Thread.sleep(5);
		}
	}

}
