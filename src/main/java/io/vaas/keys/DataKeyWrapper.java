package io.vaas.keys;

/**
 * Wraps data keys with the primary KEK and unwraps them with whichever KEK wrapped them.
 * The context (e.g. {@code namespace/name/version}) is bound as associated data, so a
 * wrapped key copied onto another record does not unwrap.
 */
public interface DataKeyWrapper {

	WrappedKey wrap(byte[] dataKey, String context);

	/**
	 * @throws DecryptionFailed when the key was wrapped for another context or altered
	 */
	byte[] unwrap(WrappedKey key, String context);

}
