package io.vaas.bundle;

import io.vaas.bundle.render.Reference;
import io.vaas.bundle.render.RenderRuleBroken;
import io.vaas.bundle.render.Sources;
import io.vaas.config.ConfigNotFound;
import io.vaas.config.ConfigService;
import io.vaas.config.ConfigVersionNotFound;
import io.vaas.secret.SecretNotFound;
import io.vaas.secret.SecretService;
import io.vaas.secret.SecretVersionDestroyed;
import io.vaas.secret.SecretVersionNotFound;
import io.vaas.shared.NamespaceName;
import tools.jackson.databind.node.ObjectNode;

/** The configs and secrets of one namespace, as the renderer sees them. */
record BundleSources(NamespaceName namespace, ConfigService configs, SecretService secrets) implements Sources {

	@Override
	public ObjectNode config(Reference reference) {
		try {
			return configs.content(namespace, reference.name(), reference.version());
		}
		catch (ConfigNotFound | ConfigVersionNotFound ex) {
			throw new RenderRuleBroken("config " + reference + " does not exist");
		}
	}

	@Override
	public byte[] secret(Reference reference) {
		try {
			return secrets.plaintext(namespace, reference.name(), reference.version());
		}
		catch (SecretNotFound | SecretVersionNotFound ex) {
			throw new RenderRuleBroken("secret " + reference + " does not exist");
		}
		catch (SecretVersionDestroyed ex) {
			throw new RenderRuleBroken("secret " + reference + " was destroyed");
		}
	}

}
