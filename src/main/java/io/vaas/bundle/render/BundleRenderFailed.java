package io.vaas.bundle.render;

import org.jspecify.annotations.Nullable;

/** A file could not be rendered; names the file and why, never a value (422). */
public class BundleRenderFailed extends RuntimeException {

	private final String file;

	private final String reason;

	public BundleRenderFailed(String file, String reason) {
		this(file, reason, null);
	}

	public BundleRenderFailed(String file, RenderRuleBroken cause) {
		this(file, String.valueOf(cause.getMessage()), cause);
	}

	protected BundleRenderFailed(String file, String reason, @Nullable Throwable cause) {
		super(file + ": " + reason, cause);
		this.file = file;
		this.reason = reason;
	}

	public String file() {
		return file;
	}

	public String reason() {
		return reason;
	}

	/**
	 * Whether the file went over a render budget (time, nesting, size, memory) rather
	 * than breaking a rule such as a missing reference.
	 */
	public boolean overBudget() {
		return getCause() instanceof RenderBudgetExceeded;
	}

}
