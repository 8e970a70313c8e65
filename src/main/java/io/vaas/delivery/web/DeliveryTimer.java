package io.vaas.delivery.web;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Times the direct {@code GET /api/v1/agent/bundle} as {@code http.server.requests}, with
 * the tags Spring's observation gives every other endpoint ({@code error},
 * {@code exception}, {@code method}, {@code outcome}, {@code status}, {@code uri}), in
 * place of an observation per request: on the path every agent calls in a loop, the
 * observation's context, its long-task timer and its meter look-ups took 8% of the
 * server's CPU. A timer is looked up once per status.
 */
final class DeliveryTimer {

	static final String NAME = "http.server.requests";

	private final MeterRegistry meters;

	private final ConcurrentHashMap<Integer, Timer> byStatus = new ConcurrentHashMap<>();

	DeliveryTimer(MeterRegistry meters) {
		this.meters = meters;
	}

	/**
	 * Records a request that started at {@code startedNanos} ({@link System#nanoTime}).
	 */
	void record(long startedNanos, int status, @Nullable Throwable error) {
		var timer = error == null ? byStatus.computeIfAbsent(status, code -> timer(code, "none"))
				: timer(status, error.getClass().getSimpleName());
		timer.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
	}

	/** Times a waiting request when it is over, however it ended. */
	AsyncListener whenComplete(long startedNanos) {
		return new AsyncListener() {

			@Override
			public void onComplete(AsyncEvent event) {
				var status = event.getSuppliedResponse() instanceof HttpServletResponse response ? response.getStatus()
						: HttpServletResponse.SC_OK;
				record(startedNanos, status, null);
			}

			@Override
			public void onTimeout(AsyncEvent event) {
			}

			@Override
			public void onError(AsyncEvent event) {
			}

			@Override
			public void onStartAsync(AsyncEvent event) {
			}

		};
	}

	private Timer timer(int status, String exception) {
		var known = HttpStatus.resolve(status);
		var outcome = known == null ? "UNKNOWN" : known.is2xxSuccessful() ? "SUCCESS" : known.series().name();
		return Timer.builder(NAME)
			.tag("error", exception)
			.tag("exception", exception)
			.tag("method", "GET")
			.tag("outcome", outcome)
			.tag("status", Integer.toString(status))
			.tag("uri", BundleDelivery.PATH)
			.register(meters);
	}

	/**
	 * Leaves the requests {@link BundleDeliveryFilter} takes (when it is on) to this
	 * timer: no observation for them.
	 */
	static ObservationPredicate leavesDirectDeliveryAlone(boolean direct) {
		return (name, context) -> !(direct && context instanceof ServerRequestObservationContext server
				&& BundleDeliveryFilter.takes(server.getCarrier()));
	}

}
