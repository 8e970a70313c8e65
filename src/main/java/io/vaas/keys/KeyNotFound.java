package io.vaas.keys;

import java.util.UUID;

/** No KEK with this id. */
public class KeyNotFound extends RuntimeException {

	public KeyNotFound(UUID id) {
		super("No key with id " + id);
	}

}
