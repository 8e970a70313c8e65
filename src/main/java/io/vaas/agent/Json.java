package io.vaas.agent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader (RFC 8259): objects become {@code Map<String, Object>},
 * arrays {@code List<Object>}, numbers {@code Long} or {@code Double}, plus
 * {@code String}, {@code Boolean} and {@code null}. Input is size-limited, nesting
 * depth-limited, duplicate keys and trailing content refused. The JDK has no JSON parser;
 * this is the agent's only one.
 */
final class Json {

	static final int MAX_LENGTH = 16 * 1024 * 1024;

	static final int MAX_DEPTH = 64;

	private final String text;

	private int at;

	private Json(String text) {
		this.text = text;
	}

	static Object parse(String text) {
		if (text.length() > MAX_LENGTH) {
			throw new IllegalArgumentException("JSON larger than " + MAX_LENGTH + " characters");
		}
		var json = new Json(text);
		json.space();
		var value = json.value(0);
		json.space();
		if (json.at != text.length()) {
			throw json.error("trailing content");
		}
		return value;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> object(String text) {
		if (parse(text) instanceof Map<?, ?> map) {
			return (Map<String, Object>) map;
		}
		throw new IllegalArgumentException("expected a JSON object");
	}

	private Object value(int depth) {
		if (depth > MAX_DEPTH) {
			throw error("nesting deeper than " + MAX_DEPTH);
		}
		if (at >= text.length()) {
			throw error("unexpected end");
		}
		return switch (text.charAt(at)) {
			case '{' -> object(depth);
			case '[' -> array(depth);
			case '"' -> string();
			case 't' -> literal("true", Boolean.TRUE);
			case 'f' -> literal("false", Boolean.FALSE);
			case 'n' -> literal("null", null);
			default -> number();
		};
	}

	private Map<String, Object> object(int depth) {
		var map = new LinkedHashMap<String, Object>();
		at++;
		space();
		if (peek('}')) {
			at++;
			return map;
		}
		while (true) {
			space();
			if (!peek('"')) {
				throw error("expected a key");
			}
			var key = string();
			space();
			expect(':');
			space();
			if (map.containsKey(key)) {
				throw error("duplicate key");
			}
			map.put(key, value(depth + 1));
			space();
			if (peek(',')) {
				at++;
				continue;
			}
			expect('}');
			return map;
		}
	}

	private List<Object> array(int depth) {
		var list = new ArrayList<Object>();
		at++;
		space();
		if (peek(']')) {
			at++;
			return list;
		}
		while (true) {
			space();
			list.add(value(depth + 1));
			space();
			if (peek(',')) {
				at++;
				continue;
			}
			expect(']');
			return list;
		}
	}

	private String string() {
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

	private Object number() {
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

	private int digits() {
		int start = at;
		while (at < text.length() && Character.isDigit(text.charAt(at)) && text.charAt(at) < 128) {
			at++;
		}
		return at - start;
	}

	private Object literal(String word, Object value) {
		if (!text.startsWith(word, at)) {
			throw error("unexpected character");
		}
		at += word.length();
		return value;
	}

	private boolean peek(char c) {
		return at < text.length() && text.charAt(at) == c;
	}

	private void expect(char c) {
		if (!peek(c)) {
			throw error("expected '" + c + "'");
		}
		at++;
	}

	private void space() {
		while (at < text.length()) {
			char c = text.charAt(at);
			if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
				return;
			}
			at++;
		}
	}

	private IllegalArgumentException error(String what) {
		return new IllegalArgumentException("invalid JSON at offset " + at + ": " + what);
	}

}
