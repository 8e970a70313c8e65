package io.vaas.shared;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Rules for text a request carries. Free text that is stored (comments, descriptions) or
 * searched for is bounded and has no control characters other than tab and newlines.
 * Every text, free or data (config keys and values, template sources, secret text), is
 * well-formed Unicode without NUL: PostgreSQL refuses NUL in text, a NUL ends a C string
 * in whatever reads the rendered file, and an unpaired surrogate has no UTF-8 encoding
 * (it would be stored as {@code ?}, a different value from the one acknowledged).
 */
public final class Texts {

	/** {@link #isWellFormed}'s rule, for messages. */
	public static final String RULE = "must not contain NUL (U+0000) or unpaired surrogates (U+D800–U+DFFF)";

	private Texts() {
	}

	/** Returns the value, or throws {@link InvalidText} naming the field. */
	public static @Nullable String check(String field, @Nullable String value, int maxLength) {
		if (value == null) {
			return null;
		}
		if (value.length() > maxLength) {
			throw new InvalidText(field + " must be at most " + maxLength + " characters");
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
				throw new InvalidText(field + " must not contain control characters");
			}
		}
		if (!isWellFormed(value)) {
			throw new InvalidText(field + " " + RULE);
		}
		return value;
	}

	/** Whether {@code value} has neither NUL nor an unpaired surrogate. */
	public static boolean isWellFormed(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\u0000') {
				return false;
			}
			if (Character.isHighSurrogate(c) && i + 1 < value.length()
					&& Character.isLowSurrogate(value.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Checks every property name and string in a JSON tree with {@link #isWellFormed},
	 * and throws {@link InvalidText} naming the first path that breaks the rule (never
	 * the text).
	 */
	public static void checkTree(String field, @Nullable JsonNode node) {
		var path = flawIn(node, field);
		if (path != null) {
			throw new InvalidText(path + " " + RULE);
		}
	}

	/**
	 * Where the first property name or string in {@code node} that breaks
	 * {@link #isWellFormed}'s rule is, or null. A bad name is reported by the path of the
	 * object that holds it, so the name itself is never repeated.
	 */
	public static @Nullable String flawIn(@Nullable JsonNode node, String path) {
		if (node == null) {
			return null;
		}
		if (node.isString()) {
			return isWellFormed(node.asString()) ? null : path;
		}
		if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				var found = flawIn(node.get(i), path + "[" + i + "]");
				if (found != null) {
					return found;
				}
			}
		}
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> entry : node.properties()) {
				if (!isWellFormed(entry.getKey())) {
					return "a property name in " + path;
				}
				var found = flawIn(entry.getValue(), path + "." + entry.getKey());
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	/** Text that breaks {@link #check}'s rules (422). */
	public static class InvalidText extends RuntimeException {

		public InvalidText(String detail) {
			super(detail);
		}

	}

}
