package io.vaas.bundle;

import java.util.List;
import java.util.Set;

import io.vaas.bundle.output.Area;
import io.vaas.bundle.output.RenderedBundle;
import io.vaas.bundle.render.FileEntry;
import io.vaas.bundle.render.Renderer;
import io.vaas.config.ConfigContent;
import io.vaas.secret.SecretPlaintext;
import io.vaas.shared.NamespaceName;

import org.springframework.stereotype.Component;

/**
 * Renders file entries with the configs and secrets of their namespace, within the render
 * timeout ({@code vaas.bundles.render-timeout}).
 */
@Component
class NamespaceRenderer {

	private final ConfigContent configs;

	private final SecretPlaintext secrets;

	private final BundleProperties properties;

	NamespaceRenderer(ConfigContent configs, SecretPlaintext secrets, BundleProperties properties) {
		this.configs = configs;
		this.secrets = secrets;
		this.properties = properties;
	}

	/**
	 * @throws io.vaas.bundle.render.BundleRenderFailed naming the file and why, when one
	 * does not render
	 */
	RenderedBundle render(NamespaceName namespace, List<FileEntry> entries, Set<Area> areas) {
		return Renderer.render(entries, areas, new BundleSources(namespace, configs, secrets),
				properties.renderTimeout());
	}

}
