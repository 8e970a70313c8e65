package io.vaas.secret;

import io.vaas.shared.ResourceName;

/** The version's key material was deleted; its value is gone for good (410). */
public class SecretVersionDestroyed extends RuntimeException {

	public SecretVersionDestroyed(ResourceName name, long version) {
		super("Version " + version + " of secret '" + name + "' was destroyed; its value can never be read again");
	}

}
