package io.vaas.keys;

/**
 * A ciphertext did not open: wrong key, wrong record, altered bytes or unknown format.
 */
public class DecryptionFailed extends RuntimeException {

	public DecryptionFailed(String reason) {
		super("Decryption failed: " + reason);
	}

}
