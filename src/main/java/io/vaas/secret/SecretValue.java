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
