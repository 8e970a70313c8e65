package io.vaas.keys;

import java.util.UUID;

/**
 * A data key sealed by a KEK.
 *
 * @param kekId the KEK that sealed it
 * @param sealed the sealed bytes ({@link AesGcm} format)
 */
public record WrappedKey(UUID kekId, byte[] sealed) {

	@Override
	public String toString() {
		return "WrappedKey[kekId=" + kekId + "]";
	}

}
