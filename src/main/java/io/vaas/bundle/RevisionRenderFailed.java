package io.vaas.bundle;

import io.vaas.bundle.render.BundleRenderFailed;

import org.springframework.modulith.NamedInterface;

/**
 * A saved revision no longer renders (a config or secret it reads changed since): names
 * the revision, the file and why, never a value. Part of the named interface
 * {@code bundle :: rendering}.
 */
@NamedInterface(name = "rendering", propagate = false)
public class RevisionRenderFailed extends BundleRenderFailed {

	private final long revision;

	RevisionRenderFailed(BundleRenderFailed failure, long revision) {
		super(failure.file(), failure.reason(), failure.getCause());
		this.revision = revision;
	}

	public long revision() {
		return revision;
	}

}
