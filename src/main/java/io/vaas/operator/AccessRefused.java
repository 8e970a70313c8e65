package io.vaas.operator;

/**
 * The authenticated operator lacks a permission; carries what was needed, never a token.
 */
public class AccessRefused extends RuntimeException {

	public AccessRefused(String detail) {
		super(detail);
	}

}
