package io.vaas.bundle;

/** A bundle revision that breaks a rule (422). */
public class InvalidBundle extends RuntimeException {

	public InvalidBundle(String detail) {
		super(detail);
	}

}
