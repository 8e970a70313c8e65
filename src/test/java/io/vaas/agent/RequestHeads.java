package io.vaas.agent;

import java.io.IOException;
import java.io.InputStream;

/**
 * What the agent's fake servers do first: read a request's head, up to its blank line.
 */
final class RequestHeads {

	private RequestHeads() {
	}

	/** The head as sent, or as much of it as came before the client closed. */
	static String read(InputStream in) throws IOException {
		var head = new StringBuilder();
		int c;
		while (!head.toString().endsWith("\r\n\r\n") && (c = in.read()) >= 0) {
			head.append((char) c);
		}
		return head.toString();
	}

}
