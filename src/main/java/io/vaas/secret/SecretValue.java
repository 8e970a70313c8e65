package io.vaas.secret;

import java.util.Arrays;

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
	 * of them.
	 */
	public static SecretValue parse(@org.jspecify.annotations.Nullable String value,
			@org.jspecify.annotations.Nullable String valueBase64) {
		if ((value == null) == (valueBase64 == null)) {
			throw new InvalidSecret("send exactly one of value and valueBase64");
		}
		if (value != null) {
			return new SecretValue(value.getBytes(java.nio.charset.StandardCharsets.UTF_8), Encoding.TEXT);
		}
		try {
			return new SecretValue(java.util.Base64.getDecoder().decode(valueBase64.replaceAll("\\s", "")),
					Encoding.BASE64);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSecret("valueBase64 is not valid base64");
		}
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
