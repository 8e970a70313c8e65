package io.vaas.session;

import java.util.UUID;

/** No session with this id in this namespace. */
public class SessionNotFound extends RuntimeException {

	public SessionNotFound(UUID id) {
		super("No agent session with id " + id + " in this namespace");
	}

}
