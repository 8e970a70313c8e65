package io.vaas.seed;

import java.util.UUID;

/** No seed with this id in this namespace. */
public class SeedNotFound extends RuntimeException {

	public SeedNotFound(UUID id) {
		super("No seed with id " + id + " in this namespace");
	}

}
