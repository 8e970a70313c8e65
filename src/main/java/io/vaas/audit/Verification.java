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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Verification(boolean intact, long events, @Nullable Long brokenAt, @Nullable String problem) {

	static Verification ok(long events) {
		return new Verification(true, events, null, null);
	}

	static Verification broken(long events, long at, String problem) {
		return new Verification(false, events, at, problem);
	}

}
