package io.vaas.secret;

import io.vaas.shared.ResourceName;

/** The secret has no such version. */
public class SecretVersionNotFound extends RuntimeException {

	public SecretVersionNotFound(ResourceName name, long version, long latest) {
		super("Secret '" + name + "' has no version " + version + " (versions are 1 to " + latest + ")");
	}

}
