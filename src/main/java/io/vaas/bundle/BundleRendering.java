package io.vaas.bundle;

import java.util.Set;

import io.vaas.bundle.output.Area;
import io.vaas.bundle.output.RenderedBundle;
import io.vaas.bundle.render.BundleRenderFailed;
import io.vaas.shared.NamespaceName;
import io.vaas.shared.ResourceName;

import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;

/**
 * A bundle's latest revision rendered, for an agent's fetch or an operator's preview. No
 * permission check: callers make their own. Exposed, with {@link RenderFailures} and
 * {@link RevisionRenderFailed}, as the named interface {@code bundle :: rendering}, which
 * only the module that delivers bundles to agents may use.
 */
@Service
@NamedInterface(name = "rendering", propagate = false)
public class BundleRendering {

	private final StoredBundles stored;

	private final NamespaceRenderer renderer;

	BundleRendering(StoredBundles stored, NamespaceRenderer renderer) {
		this.stored = stored;
		this.renderer = renderer;
	}

	/** A rendered revision. */
	@NamedInterface(name = "rendering", propagate = false)
	public record Rendered(long revision, RenderedBundle bundle) {
	}

	/**
	 * The latest revision's files of some areas.
	 * @throws RevisionRenderFailed when the revision no longer renders
	 */
	public Rendered render(NamespaceName namespace, ResourceName name, Set<Area> areas) {
		// One snapshot for the revision and everything its files read: a config written
		// meanwhile is in all of the files or in none.
		return stored.inSnapshot(() -> {
			var latest = stored.latest(stored.find(namespace, name));
			var entries = stored.entries(latest);
			try {
				return new Rendered(latest.revision(), renderer.render(namespace, entries, areas));
			}
			catch (BundleRenderFailed ex) {
				throw new RevisionRenderFailed(ex, latest.revision());
			}
		});
	}

}
