package io.vaas.delivery.web;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.vaas.support.Await;
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
		Await.until(() -> busy.get() == 3, "three looks blocked");
		assertThat(looks.getPoolSize()).isEqualTo(3);
		assertThat(looks.getQueue()).hasSize(17);
		release.countDown();
		Await.until(() -> done.get() == 20, "every look taken");
		assertThat(mostBusy).hasValue(3);
		looks.shutdown();
		assertThat(looks.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		assertThat(looks.getPoolSize()).isZero();
	}

	/** The next change's looks run on the threads the last one started. */
	@Test
	void keepsItsThreadsForTheNextLooks() throws Exception {
		var looks = new Looks("test-look-", 3);
		var first = runOnEach(looks, 20);
		assertThat(first).hasSize(3);
		Await.until(() -> looks.getActiveCount() == 0, "its threads idle");
		assertThat(looks.getPoolSize()).isEqualTo(3);
		// Longer than the second after which its threads used to leave.
		var idle = System.nanoTime() + Duration.ofMillis(1500).toNanos();
		while (System.nanoTime() < idle) {
			assertThat(looks.getPoolSize()).isEqualTo(3);
			Thread.sleep(50);
		}
		var next = runOnEach(looks, 20);
		assertThat(first).containsAll(next);
		assertThat(looks.getPoolSize()).isEqualTo(3);
		looks.shutdown();
		assertThat(looks.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void aLookThatFailsStopsNoOther() throws Exception {
		var looks = new Looks("test-look-", 1);
		var done = new AtomicInteger();
		looks.execute(() -> {
			throw new IllegalStateException("this look fails");
		});
		looks.execute(done::incrementAndGet);
		Await.until(() -> done.get() == 1, "the next look taken");
		assertThat(looks.getPoolSize()).isEqualTo(1);
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
		Await.until(() -> done.get() == 200_000, "every look taken");
		assertThat(looks.getPoolSize()).isEqualTo(2);
		looks.shutdown();
	}

	@Test
	void takesNoLookOnceShutDown() {
		var looks = new Looks("test-look-", 2);
		looks.shutdown();
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> looks.execute(() -> {
		}));
	}

	/**
	 * Runs {@code count} looks (a pool with fewer threads than its most starts one for
	 * each of the first).
	 * @return the names of the threads that ran them
	 */
	private static Set<String> runOnEach(Looks looks, int count) throws InterruptedException {
		var names = ConcurrentHashMap.<String>newKeySet();
		var done = new CountDownLatch(count);
		for (int i = 0; i < count; i++) {
			looks.execute(() -> {
				names.add(Thread.currentThread().getName());
				done.countDown();
			});
		}
		assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
		return names;
	}

}
