package io.vaas.bundle.render;

/** A file could not be rendered; names the file and why, never a value (422). */
public class BundleRenderFailed extends RuntimeException {

	private final String file;

	private final String reason;

	public BundleRenderFailed(String file, String reason) {
		super(file + ": " + reason);
		this.file = file;
		this.reason = reason;
	}

	public String file() {
		return file;
	}

	public String reason() {
		return reason;
	}

}
