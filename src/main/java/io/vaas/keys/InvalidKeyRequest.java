package io.vaas.keys;

/** A key operation asked for something impossible (422). */
public class InvalidKeyRequest extends RuntimeException {

	public InvalidKeyRequest(String detail) {
		super(detail);
	}

}
