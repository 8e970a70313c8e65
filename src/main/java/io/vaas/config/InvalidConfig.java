package io.vaas.config;

/**
 * A config write that is well-formed JSON but breaks a config rule (422); names the key
 * path only.
 */
public class InvalidConfig extends RuntimeException {

	public InvalidConfig(String detail) {
		super(detail);
	}

}
