package io.vaas.bundle.render;

/** A file could not be rendered; names the file and why, never a value (422). */
public class BundleRenderFailed extends RuntimeException {

	private final String file;

	public BundleRenderFailed(String file, String reason) {
		super(file + ": " + reason);
		this.file = file;
	}

	public String file() {
		return file;
	}

}
