package io.vaas.agent;

/**
 * The lexical half of {@link Json}: a cursor over the text that reads strings (with their
 * escapes), numbers (RFC 8259's grammar, as {@code Long} or {@code Double}), the literals
 * and white space, and names the offset of whatever is wrong.
 */
final class JsonScanner {

	private final String text;

	private int at;

	JsonScanner(String text) {
		this.text = text;
	}

	boolean atEnd() {
		return at >= text.length();
	}

	/** The character under the cursor; only when not {@link #atEnd()}. */
	char current() {
		return text.charAt(at);
	}

	/** Steps over the character under the cursor. */
	void skip() {
		at++;
	}

	String string() {
		expect('"');
		var out = new StringBuilder();
		while (true) {
			if (at >= text.length()) {
				throw error("unterminated string");
			}
			char c = text.charAt(at++);
			if (c == '"') {
				return out.toString();
			}
			if (c < 0x20) {
				throw error("control character in string");
			}
			if (c != '\\') {
				out.append(c);
				continue;
			}
			if (at >= text.length()) {
				throw error("unterminated escape");
			}
			char e = text.charAt(at++);
			switch (e) {
				case '"', '\\', '/' -> out.append(e);
				case 'b' -> out.append('\b');
				case 'f' -> out.append('\f');
				case 'n' -> out.append('\n');
				case 'r' -> out.append('\r');
				case 't' -> out.append('\t');
				case 'u' -> {
					if (at + 4 > text.length()) {
						throw error("short unicode escape");
					}
					try {
						out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
					}
					catch (NumberFormatException ex) {
						throw error("bad unicode escape");
					}
					at += 4;
				}
				default -> throw error("bad escape");
			}
		}
	}

	Object number() {
		int start = at;
		if (peek('-')) {
			at++;
		}
		if (peek('0')) {
			at++;
		}
		else if (at < text.length() && text.charAt(at) >= '1' && text.charAt(at) <= '9') {
			digits();
		}
		else {
			throw error("unexpected character");
		}
		boolean integer = true;
		if (peek('.')) {
			integer = false;
			at++;
			if (digits() == 0) {
				throw error("digits expected after '.'");
			}
		}
		if (peek('e') || peek('E')) {
			integer = false;
			at++;
			if (peek('+') || peek('-')) {
				at++;
			}
			if (digits() == 0) {
				throw error("digits expected in exponent");
			}
		}
		var literal = text.substring(start, at);
		if (integer) {
			try {
				return Long.parseLong(literal);
			}
			catch (NumberFormatException ex) {
				return Double.parseDouble(literal);
			}
		}
		return Double.parseDouble(literal);
	}

	int digits() {
		int start = at;
		while (at < text.length() && Character.isDigit(text.charAt(at)) && text.charAt(at) < 128) {
			at++;
		}
		return at - start;
	}

	Object literal(String word, Object value) {
		if (!text.startsWith(word, at)) {
			throw error("unexpected character");
		}
		at += word.length();
		return value;
	}

	boolean peek(char c) {
		return at < text.length() && text.charAt(at) == c;
	}

	void expect(char c) {
		if (!peek(c)) {
			throw error("expected '" + c + "'");
		}
		at++;
	}

	void space() {
		while (at < text.length()) {
			char c = text.charAt(at);
			if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
				return;
			}
			at++;
		}
	}

	IllegalArgumentException error(String what) {
		return new IllegalArgumentException("invalid JSON at offset " + at + ": " + what);
	}

}
