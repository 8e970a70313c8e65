package io.vaas.keys;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Implemented by each module that stores wrapped data keys, so that rotation can find and
 * re-wrap them and the keys endpoint can count them.
 */
public interface WrappedKeyStore {

	/** How many live data keys each KEK wraps. */
	Map<UUID, Long> countByKek();

	/**
	 * Up to {@code limit} live data keys wrapped by a KEK other than {@code kekId}, with
	 * ids greater than {@code after}, in id order (a cursor, so unreadable keys are
	 * passed over).
	 */
	List<Stored> wrappedByOtherThan(UUID kekId, UUID after, int limit);

	/**
	 * Replaces a stored wrapped key, unless it changed (re-wrapped or destroyed) since it
	 * was read. Runs inside the caller's transaction.
	 * @return whether it was replaced
	 */
	boolean replace(Stored stored, WrappedKey replacement);

	/**
	 * A data key as stored.
	 *
	 * @param id the record's id
	 * @param context the associated data it was wrapped with
	 * @param key the wrapped key
	 */
	record Stored(UUID id, String context, WrappedKey key) {
	}

}
