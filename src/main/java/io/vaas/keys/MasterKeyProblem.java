package io.vaas.keys;

/**
 * The master key is missing, malformed or not the one the database was encrypted with.
 */
public class MasterKeyProblem extends RuntimeException {

	private final String action;

	MasterKeyProblem(String problem, String action) {
		super(problem);
		this.action = action;
	}

	String action() {
		return action;
	}

}
