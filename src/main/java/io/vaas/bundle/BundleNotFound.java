package io.vaas.bundle;

import io.vaas.shared.NamespaceName;
import io.vaas.shared.ResourceName;

/** No bundle by this name in this namespace. */
public class BundleNotFound extends RuntimeException {

	public BundleNotFound(NamespaceName namespace, ResourceName name) {
		super("Bundle '" + name + "' does not exist in namespace '" + namespace + "'");
	}

}
