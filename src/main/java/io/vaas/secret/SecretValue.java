package io.vaas.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

import io.vaas.shared.Texts;
import org.jspecify.annotations.Nullable;

/**
 * A secret's plaintext. {@link #toString()} never shows it, so it cannot reach a log line
 * by accident.
 *
 * @param bytes the value
 * @param encoding how it was given and is revealed: text or base64
 */
public record SecretValue(byte[] bytes, Encoding encoding) {

	/** At most 1 MiB (SPEC §2). */
	public static final int MAX_BYTES = 1024 * 1024;

	public SecretValue {
		if (bytes.length > MAX_BYTES) {
			throw new InvalidSecret("a secret value is at most " + MAX_BYTES + " bytes (1 MiB)");
		}
	}

	/**
	 * From a request's {@code value} (text) or {@code valueBase64} (bytes): exactly one
	 * of them, not empty. Text is well-formed Unicode without NUL ({@link Texts}); bytes
	 * are canonical base64 (RFC 4648 §4: the standard alphabet, padded, no whitespace,
	 * unused bits zero), so one value has one spelling and nothing is silently dropped.
	 */
	public static SecretValue parse(@Nullable String value, @Nullable String valueBase64) {
		if ((value == null) == (valueBase64 == null)) {
			throw new InvalidSecret("send exactly one of value and valueBase64");
		}
		if (value != null) {
			if (value.isEmpty()) {
				throw new InvalidSecret("value must not be empty: a secret holds at least one byte");
			}
			if (!Texts.isWellFormed(value)) {
				throw new InvalidSecret("value " + Texts.RULE + "; send bytes as valueBase64");
			}
			return new SecretValue(value.getBytes(StandardCharsets.UTF_8), Encoding.TEXT);
		}
		if (valueBase64.isEmpty()) {
			throw new InvalidSecret("valueBase64 must not be empty: a secret holds at least one byte");
		}
		return new SecretValue(canonicalBase64(valueBase64), Encoding.BASE64);
	}

	private static byte[] canonicalBase64(String text) {
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(text);
		}
		catch (IllegalArgumentException ex) {
			bytes = null;
		}
		// The decoder also takes unpadded text and ignores unused bits: encoding again
		// tells a canonical spelling from another.
		if (bytes == null || !MessageDigest.isEqual(Base64.getEncoder().encode(bytes),
				text.getBytes(StandardCharsets.ISO_8859_1))) {
			throw new InvalidSecret("valueBase64 must be padded base64 in the standard alphabet (RFC 4648 §4), "
					+ "without whitespace or line breaks");
		}
		return bytes;
	}

	/**
	 * How a value was given: as text ({@code value}) or as bytes ({@code valueBase64}).
	 */
	public enum Encoding {

		TEXT, BASE64;

		String label() {
			return this == TEXT ? "text" : "base64";
		}

		static Encoding of(String label) {
			return "text".equals(label) ? TEXT : BASE64;
		}

	}

	@Override
	public boolean equals(Object other) {
		return other instanceof SecretValue value && encoding == value.encoding && Arrays.equals(bytes, value.bytes);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(bytes);
	}

	@Override
	public String toString() {
		return "SecretValue[redacted]";
	}

}
