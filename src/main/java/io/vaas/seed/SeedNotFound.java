package io.vaas.seed;

/** No seed with this id in this namespace. */
public class SeedNotFound extends RuntimeException {

	public SeedNotFound(String id) {
		super("No seed with id " + (id.length() > 100 ? id.substring(0, 100) + "…" : id) + " in this namespace");
	}

}
