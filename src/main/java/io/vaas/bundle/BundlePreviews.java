package io.vaas.bundle;

import java.util.EnumSet;
import java.util.List;

import io.vaas.bundle.output.Area;
import io.vaas.operator.Access;
import io.vaas.operator.Permission;
import io.vaas.shared.NamespaceName;
import io.vaas.shared.ResourceName;

import org.springframework.stereotype.Service;

/**
 * What a bundle renders to, for operators with any role in the namespace: the latest
 * revision rendered (the web layer leaves secret contents out), and the rendered output
 * of two revisions compared.
 */
@Service
public class BundlePreviews {

	private final StoredBundles stored;

	private final NamespaceRenderer renderer;

	private final BundleRendering rendering;

	private final Access access;

	BundlePreviews(StoredBundles stored, NamespaceRenderer renderer, BundleRendering rendering, Access access) {
		this.stored = stored;
		this.renderer = renderer;
		this.rendering = rendering;
		this.access = access;
	}

	/** The latest revision rendered, every area. */
	public BundleRendering.Rendered preview(NamespaceName namespace, ResourceName name) {
		access.require(namespace, Permission.READ);
		return rendering.render(namespace, name, EnumSet.allOf(Area.class));
	}

	/**
	 * The rendered output of two revisions compared; references resolve as they would
	 * now.
	 */
	public RenderedDiff diff(NamespaceName namespace, ResourceName name, long from, long to) {
		access.require(namespace, Permission.READ);
		var entries = stored.reading(() -> {
			var bundle = stored.find(namespace, name);
			return List.of(stored.entries(stored.revision(bundle, name, from)),
					stored.entries(stored.revision(bundle, name, to)));
		});
		var all = EnumSet.allOf(Area.class);
		return stored.inSnapshot(() -> RenderedDiff.of(from, to, renderer.render(namespace, entries.get(0), all),
				renderer.render(namespace, entries.get(1), all)));
	}

}
