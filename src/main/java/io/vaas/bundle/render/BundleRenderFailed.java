package io.vaas.bundle.render;

/** A file could not be rendered; names the file and why, never a value (422). */
public class BundleRenderFailed extends RuntimeException {

	private final String file;

	public BundleRenderFailed(String file, String reason) {
		super(file + ": " + reason);
		this.file = file;
	}

	public BundleRenderFailed(String file, RenderRuleBroken cause) {
		super(file + ": " + cause.getMessage(), cause);
		this.file = file;
	}

	public String file() {
		return file;
	}

	/**
	 * Whether the file went over a render budget (time, nesting, size, memory) rather
	 * than breaking a rule such as a missing reference.
	 */
	public boolean overBudget() {
		return getCause() instanceof RenderBudgetExceeded;
	}

}
