package io.vaas.seed;

/** A seed request that asks for something impossible (422). */
public class InvalidSeedRequest extends RuntimeException {

	public InvalidSeedRequest(String detail) {
		super(detail);
	}

}
