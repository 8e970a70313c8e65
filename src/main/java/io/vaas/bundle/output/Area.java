package io.vaas.bundle.output;

import java.util.Locale;
import java.util.Optional;

/** The {@code /con} areas the agent writes (SPEC §1). */
public enum Area {

	CONFIGURATION, SECRET, CONTEXT, PROC;

	private static final Area[] ALL = values();

	private final String label = name().toLowerCase(Locale.ROOT);

	public String label() {
		return label;
	}

	/** The area of a label; read at every agent request, so no stream and no copy. */
	public static Optional<Area> of(String label) {
		for (var area : ALL) {
			if (area.label.equals(label)) {
				return Optional.of(area);
			}
		}
		return Optional.empty();
	}

}
