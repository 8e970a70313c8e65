package io.vaas.delivery.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.micrometer.observation.autoconfigure.ObservationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerHttpObservationDocumentation.LowCardinalityKeyNames;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Times the direct {@code GET /api/v1/agent/bundle} as {@code http.server.requests}, with
 * the tags Spring's observation gives every other endpoint ({@code error},
 * {@code exception}, {@code method}, {@code outcome}, {@code status}, {@code uri}), in
 * place of an observation per request: on the path every agent calls in a loop, the
 * observation's context, its long-task timer and its meter look-ups took 8% of the
 * server's CPU. A timer is looked up once per status. Spring Boot's settings for that
 * observation apply as they do to the others: its name
 * ({@code management.observations.http.server.requests.name}), the common tags
 * ({@code management.observations.key-values.*}) and whether it is on
 * ({@code management.observations.enable.*}, the longest prefix of the name or
 * {@code all}).
 */
final class DeliveryTimer {

	/** Spring's name for the timer of server requests. */
	static final String NAME = new DefaultServerRequestObservationConvention().getName();

	private final MeterRegistry meters;

	private final String name;

	private final Tags common;

	private final boolean enabled;

	private final ConcurrentHashMap<Integer, Timer> byStatus = new ConcurrentHashMap<>();

	DeliveryTimer(MeterRegistry meters, ObservationProperties observations) {
		this.meters = meters;
		var configured = observations.getHttp().getServer().getRequests().getName();
		this.name = configured == null || configured.isBlank() ? NAME : configured;
		var tags = Tags.empty();
		for (var keyValue : observations.getKeyValues().entrySet()) {
			tags = tags.and(keyValue.getKey(), keyValue.getValue());
		}
		this.common = tags;
		this.enabled = enabled(observations.getEnable(), this.name);
	}

	/**
	 * As Spring Boot decides it for an observation: the setting of the longest prefix of
	 * the name (cut at dots), else {@code all}, else on.
	 */
	static boolean enabled(Map<String, Boolean> settings, String name) {
		for (var prefix = name; !prefix.isEmpty(); prefix = prefix.substring(0, Math.max(prefix.lastIndexOf('.'), 0))) {
			var setting = settings.get(prefix);
			if (setting != null) {
				return setting;
			}
		}
		return settings.getOrDefault("all", true);
	}

	/**
	 * Records a request that started at {@code startedNanos} ({@link System#nanoTime}).
	 */
	void record(long startedNanos, int status, @Nullable Throwable error) {
		if (!enabled) {
			return;
		}
		var timer = error == null ? byStatus.computeIfAbsent(status, code -> timer(code, "none"))
				: timer(status, error.getClass().getSimpleName());
		timer.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
	}

	/**
	 * Times a waiting request when it is over, however it ended: with the error that
	 * ended it (a client that left), as the observation would.
	 */
	AsyncListener whenComplete(long startedNanos) {
		return new AsyncListener() {

			private volatile @Nullable Throwable error;

			@Override
			public void onComplete(AsyncEvent event) {
				var status = event.getSuppliedResponse() instanceof HttpServletResponse response ? response.getStatus()
						: HttpServletResponse.SC_OK;
				record(startedNanos, status, error);
			}

			@Override
			public void onTimeout(AsyncEvent event) {
			}

			@Override
			public void onError(AsyncEvent event) {
				var thrown = event.getThrowable();
				error = thrown == null ? null : unwrap(thrown);
			}

			@Override
			public void onStartAsync(AsyncEvent event) {
			}

		};
	}

	/** What the observation filter records of a servlet exception: its cause. */
	static Throwable unwrap(Throwable thrown) {
		return thrown instanceof ServletException && thrown.getCause() != null ? thrown.getCause() : thrown;
	}

	private Timer timer(int status, String exception) {
		var code = status < 100 || status > 999 ? null : HttpStatusCode.valueOf(status);
		var outcome = code == null ? "UNKNOWN" : code.is2xxSuccessful() ? "SUCCESS"
				: code instanceof HttpStatus known ? known.series().name() : "UNKNOWN";
		return Timer.builder(name)
			.tag("error", exception)
			.tag(LowCardinalityKeyNames.EXCEPTION.asString(), exception)
			.tag(LowCardinalityKeyNames.METHOD.asString(), "GET")
			.tag(LowCardinalityKeyNames.OUTCOME.asString(), outcome)
			.tag(LowCardinalityKeyNames.STATUS.asString(), Integer.toString(status))
			.tag(LowCardinalityKeyNames.URI.asString(), BundleDelivery.PATH)
			// Last, as Spring adds them after the convention's: the same key, their
			// value.
			.tags(common)
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
