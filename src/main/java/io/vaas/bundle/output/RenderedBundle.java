package io.vaas.bundle.output;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The files a bundle produces right now, and their digest: SHA-256 over every file's
 * area, path, mode, size and SHA-256 in (area, path) order, so the same files always give
 * the same digest.
 *
 * @param files the files, in (area, path) order
 * @param digest {@code sha256:<hex>}
 * @param perSession entries whose files are made for each session at delivery: until then
 * {@code files} holds placeholders for them
 */
public record RenderedBundle(List<RenderedFile> files, String digest, List<SessionEntry> perSession) {

	public static RenderedBundle of(List<RenderedFile> files) {
		return of(files, List.of());
	}

	public static RenderedBundle of(List<RenderedFile> files, List<SessionEntry> perSession) {
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
				"sha256:" + RenderedFile.sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)),
				List.copyOf(perSession));
	}

	/**
	 * The bundle with a session's files in place of the placeholders of its per-session
	 * entries, and their digest.
	 */
	public RenderedBundle withSessionFiles(List<RenderedFile> made) {
		var placeholders = keys(perSession.stream().flatMap(entry -> entry.placeholders().stream()).toList());
		if (!keys(made).equals(placeholders)) {
			throw new IllegalArgumentException("the session's files are not those of its per-session entries");
		}
		var all = new ArrayList<RenderedFile>();
		files.stream().filter(file -> !placeholders.contains(key(file))).forEach(all::add);
		all.addAll(made);
		return of(all, List.of());
	}

	/** Whether delivery still has to make files for the session. */
	public boolean madePerSession() {
		return !perSession.isEmpty();
	}

	private static Set<String> keys(List<RenderedFile> files) {
		return files.stream().map(RenderedBundle::key).collect(Collectors.toSet());
	}

	private static String key(RenderedFile file) {
		return file.area().label() + "/" + file.path();
	}

}
