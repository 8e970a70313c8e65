package io.vaas.session;

/**
 * An access token that does not verify; the reason is for the audit log, never the token.
 */
public class InvalidAccessToken extends RuntimeException {

	public InvalidAccessToken(String reason) {
		super(reason);
	}

}
