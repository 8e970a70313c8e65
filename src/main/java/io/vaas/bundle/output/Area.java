package io.vaas.bundle.output;

import java.util.Arrays;
import java.util.Optional;

/** The {@code /con} areas the agent writes (SPEC §1). */
public enum Area {

	CONFIGURATION, SECRET, CONTEXT, PROC;

	public String label() {
		return name().toLowerCase();
	}

	public static Optional<Area> of(String label) {
		return Arrays.stream(values()).filter(area -> area.label().equals(label)).findFirst();
	}

}
