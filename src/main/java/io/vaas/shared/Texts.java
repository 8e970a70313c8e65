package io.vaas.shared;

import org.jspecify.annotations.Nullable;

/**
 * Free text that is stored (comments, descriptions) or searched for: bounded, and without
 * control characters other than tab and newlines (PostgreSQL refuses NUL in text
 * columns).
 */
public final class Texts {

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
		return value;
	}

	/** Text that breaks {@link #check}'s rules (422). */
	public static class InvalidText extends RuntimeException {

		public InvalidText(String detail) {
			super(detail);
		}

	}

}
