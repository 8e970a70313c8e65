package io.vaas.shared;

import java.io.IOException;

/** A request body grew past the configured limit while it was being read. */
public class RequestTooLarge extends IOException {

	private final long limit;

	public RequestTooLarge(long limit) {
		super("Request body is larger than " + limit + " bytes");
		this.limit = limit;
	}

	public long limit() {
		return limit;
	}

}
