package io.vaas.shared;

import org.jspecify.annotations.Nullable;

/**
 * The writer's precondition ({@code If-Match}/{@code If-None-Match}) does not hold (412).
 */
public class VersionConflict extends RuntimeException {

	private final @Nullable Long currentVersion;

	public VersionConflict(String detail, @Nullable Long currentVersion) {
		super(detail);
		this.currentVersion = currentVersion;
	}

	/**
	 * The latest version at the time of the conflict, or null when the config does not
	 * exist.
	 */
	public @Nullable Long currentVersion() {
		return currentVersion;
	}

}
