package io.vaas.bundle;

import io.vaas.shared.ResourceName;

/** The bundle has no such revision. */
public class BundleRevisionNotFound extends RuntimeException {

	public BundleRevisionNotFound(ResourceName name, long revision, long latest) {
		super("Bundle '" + name + "' has no revision " + revision + " (revisions are 1 to " + latest + ")");
	}

}
