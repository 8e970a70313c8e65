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

	private final JsonScanner in;

	private Json(String text) {
		this.in = new JsonScanner(text);
	}

	static Object parse(String text) {
		if (text.length() > MAX_LENGTH) {
			throw new IllegalArgumentException("JSON larger than " + MAX_LENGTH + " characters");
		}
		var json = new Json(text);
		json.in.space();
		var value = json.value(0);
		json.in.space();
		if (!json.in.atEnd()) {
			throw json.in.error("trailing content");
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
			throw in.error("nesting deeper than " + MAX_DEPTH);
		}
		if (in.atEnd()) {
			throw in.error("unexpected end");
		}
		return switch (in.current()) {
			case '{' -> object(depth);
			case '[' -> array(depth);
			case '"' -> in.string();
			case 't' -> in.literal("true", Boolean.TRUE);
			case 'f' -> in.literal("false", Boolean.FALSE);
			case 'n' -> in.literal("null", null);
			default -> in.number();
		};
	}

	private Map<String, Object> object(int depth) {
		var map = new LinkedHashMap<String, Object>();
		in.skip();
		in.space();
		if (in.peek('}')) {
			in.skip();
			return map;
		}
		while (true) {
			in.space();
			if (!in.peek('"')) {
				throw in.error("expected a key");
			}
			var key = in.string();
			in.space();
			in.expect(':');
			in.space();
			if (map.containsKey(key)) {
				throw in.error("duplicate key");
			}
			map.put(key, value(depth + 1));
			in.space();
			if (in.peek(',')) {
				in.skip();
				continue;
			}
			in.expect('}');
			return map;
		}
	}

	private List<Object> array(int depth) {
		var list = new ArrayList<Object>();
		in.skip();
		in.space();
		if (in.peek(']')) {
			in.skip();
			return list;
		}
		while (true) {
			in.space();
			list.add(value(depth + 1));
			in.space();
			if (in.peek(',')) {
				in.skip();
				continue;
			}
			in.expect(']');
			return list;
		}
	}

}
