package io.vaas.bundle.output;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

/**
 * The files a bundle produces right now, and their digest: SHA-256 over every file's
 * area, path, mode, size and SHA-256 in (area, path) order, so the same files always give
 * the same digest.
 *
 * @param files the files, in (area, path) order
 * @param digest {@code sha256:<hex>}
 */
public record RenderedBundle(List<RenderedFile> files, String digest) {

	public static RenderedBundle of(List<RenderedFile> files) {
		var sorted = files.stream()
			.sorted(Comparator.comparing((RenderedFile file) -> file.area().label()).thenComparing(RenderedFile::path))
			.toList();
		var canonical = new StringBuilder("vaas-bundle-v1\n");
		sorted.forEach(file -> canonical.append(file.area().label())
			.append('\0')
			.append(file.path())
			.append('\0')
			.append(file.octalMode())
			.append('\0')
			.append(file.content().length)
			.append('\0')
			.append(file.sha256())
			.append('\n'));
		return new RenderedBundle(sorted,
				"sha256:" + RenderedFile.sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
	}

}
