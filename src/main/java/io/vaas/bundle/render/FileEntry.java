package io.vaas.bundle.render;

import io.vaas.bundle.output.Area;

/**
 * One file of a bundle: where it lands, its mode, and the one source it is rendered from.
 *
 * @param area the area it lands in
 * @param path its path within the area
 * @param mode its permission bits
 * @param kind the {@link FileSource#member()} of its source
 * @param source its source, read and checked
 */
public record FileEntry(Area area, String path, int mode, String kind, FileSource.Parsed source) {

	@Override
	public String toString() {
		return "FileEntry[" + area.label() + "/" + path + ", " + kind + "]";
	}

}
