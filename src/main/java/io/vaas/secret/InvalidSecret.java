package io.vaas.secret;

/** A secret write that breaks a rule (422); the detail never contains the value. */
public class InvalidSecret extends RuntimeException {

	public InvalidSecret(String detail) {
		super(detail);
	}

}
