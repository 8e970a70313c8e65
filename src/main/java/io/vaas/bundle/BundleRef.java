package io.vaas.bundle;

import java.util.UUID;

/**
 * A bundle's identity, for the modules that belong to a bundle (seeds, sessions).
 *
 * @param id its id
 * @param namespace its namespace
 * @param name its name
 */
public record BundleRef(UUID id, String namespace, String name) {

	/** {@code namespace/name}, as carried in access tokens. */
	public String qualifiedName() {
		return namespace + "/" + name;
	}

}
