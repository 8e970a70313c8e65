package io.vaas.bundle;

import io.vaas.bundle.render.Reference;
import io.vaas.bundle.render.RenderRuleBroken;
import io.vaas.bundle.render.Sources;
import io.vaas.config.ConfigContent;
import io.vaas.secret.SecretPlaintext;
import io.vaas.shared.NamespaceName;
import tools.jackson.databind.node.ObjectNode;

/** The configs and secrets of one namespace, as the renderer sees them. */
record BundleSources(NamespaceName namespace, ConfigContent configs, SecretPlaintext secrets) implements Sources {

	@Override
	public ObjectNode config(Reference reference) {
		return configs.read(namespace, reference.name(), reference.version())
			.orElseThrow(() -> new RenderRuleBroken("config " + reference + " does not exist"));
	}

	@Override
	public byte[] secret(Reference reference) {
		return switch (secrets.read(namespace, reference.name(), reference.version())) {
			case SecretPlaintext.Value value -> value.bytes();
			case SecretPlaintext.Missing missing ->
				throw new RenderRuleBroken("secret " + reference + " does not exist");
			case SecretPlaintext.Destroyed destroyed ->
				throw new RenderRuleBroken("secret " + reference + " was destroyed");
		};
	}

}
