package io.vaas.secret;

import io.vaas.shared.NamespaceName;
import io.vaas.shared.ResourceName;

/** No secret by this name in this namespace. */
public class SecretNotFound extends RuntimeException {

	public SecretNotFound(NamespaceName namespace, ResourceName name) {
		super("Secret '" + name + "' does not exist in namespace '" + namespace + "'");
	}

}
