package io.vaas.config;

import io.vaas.shared.ResourceName;

/** The config exists but has no such version. */
public class ConfigVersionNotFound extends RuntimeException {

	public ConfigVersionNotFound(ResourceName name, long version, long latest) {
		super("Config '" + name + "' has no version " + version + " (versions are 1 to " + latest + ")");
	}

}
