package io.vaas.operator;

/** A token request that is well-formed JSON but asks for something impossible (422). */
public class InvalidTokenRequest extends RuntimeException {

	public InvalidTokenRequest(String detail) {
		super(detail);
	}

}
