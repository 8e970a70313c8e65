package io.vaas.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM from the JDK, with a fresh random 96-bit nonce for every message and
 * associated data that binds a ciphertext to where it belongs. Sealed form:
 * {@code [format = 1][12-byte nonce][ciphertext ‖ 16-byte tag]} — the first byte names
 * the format so a later one can be told apart.
 */
public final class AesGcm {

	/** The format byte of everything sealed by this class. */
	public static final byte FORMAT_V1 = 1;

	static final int KEY_BYTES = 32;

	static final int NONCE_BYTES = 12;

	static final int TAG_BITS = 128;

	private static final SecureRandom RANDOM = new SecureRandom();

	private AesGcm() {
	}

	/** A fresh random 256-bit key. */
	public static byte[] newKey() {
		var key = new byte[KEY_BYTES];
		RANDOM.nextBytes(key);
		return key;
	}

	public static byte[] seal(byte[] key, byte[] plaintext, String associatedData) {
		var nonce = new byte[NONCE_BYTES];
		RANDOM.nextBytes(nonce);
		try {
			var cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, aesKey(key), new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
			var sealed = cipher.doFinal(plaintext);
			return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(FORMAT_V1).put(nonce).put(sealed).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM encryption failed", ex);
		}
	}

	/**
	 * Opens what {@link #seal} sealed with the same key and associated data.
	 * @throws DecryptionFailed on a wrong key, other associated data, a changed byte or
	 * an unknown format
	 */
	public static byte[] open(byte[] key, byte[] sealed, String associatedData) {
		if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != FORMAT_V1) {
			throw new DecryptionFailed("unknown or truncated ciphertext format");
		}
		try {
			var cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, aesKey(key), new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
			cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
		}
		catch (javax.crypto.AEADBadTagException ex) {
			throw new DecryptionFailed("authentication tag does not match (wrong key, wrong record or altered data)");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM decryption failed", ex);
		}
	}

	private static SecretKey aesKey(byte[] key) {
		if (key.length != KEY_BYTES) {
			throw new IllegalArgumentException("AES-256 needs a 32-byte key");
		}
		return new SecretKeySpec(key, "AES");
	}

}
