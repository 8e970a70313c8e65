package io.vaas.logins;

/**
 * A login could not be made for a session: its database refused a statement or could not
 * be reached (502). The message names the entry and the database's answer, never a
 * password.
 */
public class LoginFailed extends RuntimeException {

	LoginFailed(String message) {
		super(message);
	}

}
