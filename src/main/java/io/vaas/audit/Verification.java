package io.vaas.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The result of checking the hash chain.
 *
 * @param intact whether every event is present, unchanged and linked to the one before it
 * @param events how many events were checked
 * @param brokenAt the sequence number of the first event that fails, if any
 * @param problem what is wrong there
 * @param waiting events committed while the check ran, not yet given their place in the
 * chain (they are checked by the next verification)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Verification(boolean intact, long events, @Nullable Long brokenAt, @Nullable String problem,
		long waiting) {

	static Verification ok(long events) {
		return new Verification(true, events, null, null, 0);
	}

	static Verification broken(long events, long at, String problem) {
		return new Verification(false, events, at, problem, 0);
	}

	Verification waiting(long count) {
		return new Verification(intact, events, brokenAt, problem, count);
	}

}
