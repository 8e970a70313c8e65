package io.vaas.keys;

import java.util.UUID;

/** A KEK that is primary or still wraps data keys cannot be removed. */
public class KeyInUse extends RuntimeException {

	public KeyInUse(UUID id, String why) {
		super("Key " + id + " cannot be removed: " + why);
	}

}
