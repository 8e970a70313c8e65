package io.vaas.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/**
 * The bearer token format shared by operator tokens ({@code vaas_op_}) and seeds
 * ({@code vaas_seed_}): prefix, 40 random base62 characters (about 238 bits) and a
 * 6-character base62 CRC32 checksum, so secret scanners can recognise a leaked token and
 * a typo is rejected without a database look-up. Tokens are stored only as their SHA-256
 * hash: they are random, so a slow password hash would add nothing.
 */
public final class Tokens {

	private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	private static final int RANDOM_LENGTH = 40;

	private static final int CHECKSUM_LENGTH = 6;

	private static final SecureRandom RANDOM = new SecureRandom();

	private Tokens() {
	}

	/** A fresh token with the given prefix, e.g. {@code vaas_op_}. */
	public static String generate(String prefix) {
		var body = new StringBuilder(prefix.length() + RANDOM_LENGTH + CHECKSUM_LENGTH).append(prefix);
		for (int i = 0; i < RANDOM_LENGTH; i++) {
			body.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		return body.append(checksum(body)).toString();
	}

	/** Whether the token has the prefix, the length and a checksum that matches. */
	public static boolean isWellFormed(String prefix, String token) {
		if (!token.startsWith(prefix) || token.length() != prefix.length() + RANDOM_LENGTH + CHECKSUM_LENGTH) {
			return false;
		}
		for (int i = prefix.length(); i < token.length(); i++) {
			if (ALPHABET.indexOf(token.charAt(i)) < 0) {
				return false;
			}
		}
		var split = token.length() - CHECKSUM_LENGTH;
		var expected = checksum(token.substring(0, split)).getBytes(StandardCharsets.US_ASCII);
		var actual = token.substring(split).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, actual);
	}

	/** The SHA-256 hash under which a token is stored and looked up. */
	public static byte[] hash(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JDK", ex);
		}
	}

	/** Constant-time comparison of two hashes. */
	public static boolean sameHash(byte[] a, byte[] b) {
		return MessageDigest.isEqual(a, b);
	}

	private static String checksum(CharSequence text) {
		var crc = new CRC32();
		crc.update(text.toString().getBytes(StandardCharsets.US_ASCII));
		long value = crc.getValue();
		var out = new char[CHECKSUM_LENGTH];
		for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
			out[i] = ALPHABET.charAt((int) (value % ALPHABET.length()));
			value /= ALPHABET.length();
		}
		return new String(out);
	}

}
