package io.vaas.operator;

/** An active token already has this name. */
public class TokenNameTaken extends RuntimeException {

	public TokenNameTaken(String name) {
		super("An active token named '" + name + "' already exists; revoke it or choose another name");
	}

}
