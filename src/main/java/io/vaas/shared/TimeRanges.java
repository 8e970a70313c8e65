package io.vaas.shared;

import java.time.Duration;
import java.time.Instant;

/**
 * The timestamps and durations a request may carry. {@link Instant} and {@link Duration}
 * reach far beyond what PostgreSQL stores (years 4713 BC to 294276 AD) and what clock
 * arithmetic survives ({@code now.plus(P99999999999D)} overflows), so a value outside
 * these ranges is refused where it is read, before it reaches a query or a sum.
 */
public final class TimeRanges {

	/** The earliest timestamp a request may carry. */
	public static final Instant EARLIEST = Instant.EPOCH;

	/** The latest timestamp a request may carry: the last microsecond of year 9999. */
	public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

	/** The longest duration a request may carry: 100 years of 365 days. */
	public static final Duration LONGEST = Duration.ofDays(36_500);

	/** The timestamp rule, for messages. */
	public static final String INSTANT_RULE = "an ISO-8601 UTC timestamp such as 2026-01-31T12:00:00Z, between "
			+ EARLIEST + " and 9999-12-31T23:59:59Z";

	/** The duration rule, for messages. */
	public static final String DURATION_RULE = "an ISO-8601 duration such as PT1H, longer than zero and at most P"
			+ LONGEST.toDays() + "D";

	private TimeRanges() {
	}

	public static boolean accepts(Instant instant) {
		return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
	}

	public static boolean accepts(Duration duration) {
		return duration.isPositive() && duration.compareTo(LONGEST) <= 0;
	}

}
