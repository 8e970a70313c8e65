package io.vaas.secret;

import java.util.UUID;

import io.vaas.keys.WrappedKey;

/**
 * Envelope encryption of secret values: a fresh data key per version, the value sealed
 * with it under the version's context, the data key wrapped by the primary KEK under the
 * same context.
 */
interface SecretCipher {

	Sealed encrypt(byte[] plaintext, String context);

	/**
	 * @throws io.vaas.keys.DecryptionFailed when the ciphertext or key belongs to another
	 * context or was altered
	 */
	byte[] decrypt(UUID versionId, Sealed sealed, String context);

	/** Drops a cached data key, e.g. when its version is destroyed. */
	void forget(UUID versionId);

	/**
	 * A sealed value and its wrapped data key.
	 *
	 * @param ciphertext the value sealed by the data key
	 * @param key the data key wrapped by a KEK
	 */
	record Sealed(byte[] ciphertext, WrappedKey key) {

		@Override
		public String toString() {
			return "Sealed[kekId=" + key.kekId() + "]";
		}

	}

}
