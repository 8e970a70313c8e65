package io.vaas.operator;

import java.util.UUID;

/** No token with this id, or none the caller may see. */
public class TokenNotFound extends RuntimeException {

	public TokenNotFound(UUID id) {
		super("No token with id " + id);
	}

}
