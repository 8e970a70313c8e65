package io.vaas.config;

import io.vaas.shared.NamespaceName;
import io.vaas.shared.ResourceName;

/** No config by this name in this namespace. */
public class ConfigNotFound extends RuntimeException {

	public ConfigNotFound(NamespaceName namespace, ResourceName name) {
		super("Config '" + name + "' does not exist in namespace '" + namespace + "'");
	}

}
