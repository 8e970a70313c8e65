package io.vaas.delivery.web;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.vaas.delivery.DeliveryService;
import io.vaas.delivery.Fetched;
import io.vaas.delivery.LongPolls;
import io.vaas.session.InvalidAccessToken;
import io.vaas.session.VerifiedToken;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The {@code ?wait=} long-poll, without a thread: a waiting request is a small record
 * here (and its connection in the web server), not a parked thread with its stack. It is
 * woken by its namespace's next change, at its deadline, and by a sweep that goes over
 * all waiting polls once a second and wakes those whose session was revoked meanwhile (a
 * revocation also wakes them at once) or for which a certificate made for the session is
 * due ({@link WaitingPolls}). Looks run on a few virtual threads ({@link Looks}), one
 * look of a poll at a time; a poll with nothing new is not looked at.
 */
@Component
class LongPoller implements DisposableBean {

	/** How often the waiting polls are gone over for a revoked session or a due file. */
	static final long SWEEP_NANOS = 1_000_000_000L;

	private final DeliveryService delivery;

	private final LongPolls longPolls;

	private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
			Thread.ofPlatform().daemon().name("long-poll-timer").factory());

	// Deadlines on a wheel: cancels cost O(1) when thousands are answered at once.
	private final HashedWheelTimer deadlines = new HashedWheelTimer(
			Thread.ofPlatform().daemon().name("long-poll-deadlines").factory(), 10, TimeUnit.MILLISECONDS, 1024);

	private final Looks looks = new Looks("long-poll-", Looks.MOST);

	private final WaitingPolls<Poll> waiting;

	LongPoller(DeliveryService delivery, LongPolls longPolls, MeterRegistry meters) {
		this.delivery = delivery;
		this.longPolls = longPolls;
		this.waiting = new WaitingPolls<>(meters);
		this.timer.scheduleWithFixedDelay(() -> waiting.sweep(Poll::due, Poll::signal), SWEEP_NANOS, SWEEP_NANOS,
				TimeUnit.NANOSECONDS);
	}

	/**
	 * Starts a long-poll: its {@link Poll#answer} completes with the session's bundle as
	 * soon as its digest differs from {@code known}, or at {@code deadline} (of
	 * {@link System#nanoTime}); with {@code null} when the server began to stop
	 * meanwhile; exceptionally when the session is revoked meanwhile or the bundle can no
	 * longer be rendered. The first look runs on the caller's thread: with nothing to
	 * wait for, the answer is complete on return.
	 */
	Poll poll(VerifiedToken token, @Nullable String known, long deadline) {
		var poll = new Poll(token, known, deadline);
		poll.start();
		return poll;
	}

	@Override
	public void destroy() {
		timer.shutdownNow();
		deadlines.stop();
		looks.shutdown();
	}

	/** One waiting request. Its fields are touched by one look at a time. */
	final class Poll {

		private final VerifiedToken token;

		private final @Nullable String known;

		private final long deadline;

		private final CompletableFuture<@Nullable Fetched> answer = new CompletableFuture<>();

		/** Wake-ups not yet looked at; one look takes in all that came before it. */
		private final AtomicInteger signals = new AtomicInteger();

		private volatile boolean changed;

		private volatile boolean abandoned;

		private volatile @Nullable Fetched fetched;

		private @Nullable Runnable unsubscribe;

		/** Wakes the poll at its deadline. */
		private @Nullable Timeout atDeadline;

		private boolean counted;

		/** The request's, for looks on other threads (audit reads its address). */
		private final @Nullable RequestAttributes attributes = RequestContextHolder.getRequestAttributes();

		Poll(VerifiedToken token, @Nullable String known, long deadline) {
			this.token = token;
			this.known = known;
			this.deadline = deadline;
		}

		CompletableFuture<@Nullable Fetched> answer() {
			return answer;
		}

		/** Nanoseconds until the deadline. */
		long remaining() {
			return Math.max(0, deadline - System.nanoTime());
		}

		/** The request ended unanswered: the client left, or the server timed it out. */
		void abandon() {
			abandoned = true;
			signal();
		}

		private void start() {
			signals.set(1);
			looks();
		}

		/**
		 * Whether a look would find something new besides a change: the session revoked,
		 * or files made for it due. For the sweep, on its thread.
		 */
		private boolean due() {
			var seen = fetched;
			if (seen != null && delivery.stale(seen)) {
				return true;
			}
			try {
				delivery.requireActive(token, null);
				return false;
			}
			catch (InvalidAccessToken ex) {
				return true;
			}
		}

		private void signal() {
			if (signals.getAndIncrement() == 0) {
				looks.execute(() -> {
					RequestContextHolder.setRequestAttributes(attributes);
					try {
						looks();
					}
					finally {
						RequestContextHolder.resetRequestAttributes();
					}
				});
			}
		}

		private void looks() {
			do {
				look();
			}
			while (signals.decrementAndGet() != 0);
		}

		private void look() {
			if (answer.isDone()) {
				return;
			}
			try {
				if (abandoned) {
					finish(null);
					return;
				}
				if (fetched == null || changed) {
					// Woken, it reads first: a poll whose change is new to it answers
					// without waiting again.
					var seen = changed ? delivery.fetch(token) : null;
					if (seen == null || Digests.matches(known, seen.files().digest())) {
						changed = false;
						if (deadline - System.nanoTime() > 0) {
							// Before reading, so no change is missed.
							unsubscribe = delivery.onNextChange(token, () -> {
								changed = true;
								signal();
							});
						}
						seen = delivery.fetch(token);
					}
					fetched = seen;
				}
				else if (delivery.stale(fetched)) {
					// A certificate made for the session is due: made again, it is a
					// change.
					fetched = delivery.fetch(token);
				}
				var remaining = deadline - System.nanoTime();
				if (!Digests.matches(known, fetched.files().digest()) || remaining <= 0) {
					finish(fetched);
					return;
				}
				if (longPolls.draining()) {
					finish(null);
					return;
				}
				delivery.requireActive(token, null);
				if (!counted) {
					counted = true;
					waiting.add(this);
					atDeadline = deadlines.newTimeout(timeout -> signal(), remaining, TimeUnit.NANOSECONDS);
				}
			}
			catch (RuntimeException | Error ex) {
				// Answered either way: a poll whose look failed must not wait for good.
				stopWaiting();
				answer.completeExceptionally(ex);
			}
		}

		private void finish(@Nullable Fetched fetched) {
			stopWaiting();
			answer.complete(fetched);
		}

		private void stopWaiting() {
			if (unsubscribe != null) {
				unsubscribe.run();
			}
			if (atDeadline != null) {
				atDeadline.cancel();
			}
			if (counted) {
				waiting.remove(this);
			}
		}

	}

}
