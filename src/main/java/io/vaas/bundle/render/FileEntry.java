package io.vaas.bundle.render;

import java.util.List;

import io.vaas.bundle.output.Area;
import org.jspecify.annotations.Nullable;

/**
 * One file of a bundle: where it lands, its mode, and the one source it is rendered from.
 */
public sealed interface FileEntry {

	Area area();

	String path();

	int mode();

	/** Text rendered with {@code config.<name>.<key…>} and {@code secret.<name>}. */
	record Template(Area area, String path, int mode, String text) implements FileEntry {
	}

	/** A secret's value, as it is. */
	record WholeSecret(Area area, String path, int mode, Reference secret) implements FileEntry {
	}

	/** A config in a format: {@code json}, {@code properties} or {@code yaml}. */
	record WholeConfig(Area area, String path, int mode, Reference config, String format) implements FileEntry {
	}

	/**
	 * An {@code ENV} file from a config's keys and from secrets, with an optional name
	 * prefix.
	 */
	record Env(Area area, String path, int mode, @Nullable Reference config, List<Reference> secrets,
			String prefix) implements FileEntry {
	}

}
