package io.vaas.trust;

/** No trust of this name on this bundle. */
public class TrustNotFound extends RuntimeException {

	public TrustNotFound(String bundle, String name) {
		super("No trust '" + name + "' on bundle '" + bundle + "'");
	}

}
