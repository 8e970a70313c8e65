package io.vaas.bundle;

import io.vaas.bundle.render.BundleRenderFailed;

/**
 * A saved revision no longer renders (a config or secret it reads changed since): names
 * the revision, the file and why, never a value.
 */
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
