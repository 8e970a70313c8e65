package io.vaas.namespace;

import io.vaas.shared.NamespaceName;

/** The namespace does not exist. */
public class NamespaceNotFound extends RuntimeException {

	public NamespaceNotFound(NamespaceName name) {
		super("Namespace '" + name + "' does not exist");
	}

}
