package io.vaas.bundle;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.vaas.bundle.output.RenderedBundle;
import io.vaas.bundle.output.RenderedFile;
import org.jspecify.annotations.Nullable;

/**
 * What changed in the rendered output between two revisions: per file added, removed,
 * changed or unchanged, with a unified diff (java-diff-utils) for text files that come
 * from no secret. Files that come from a secret are reported only as changed or
 * unchanged.
 *
 * @param from the revision compared from
 * @param to the revision compared to
 * @param files one entry per file of either revision, in (area, path) order
 */
public record RenderedDiff(long from, long to, List<FileChange> files) {

	/**
	 * One file.
	 *
	 * @param file {@code area/path}
	 * @param change {@code added}, {@code removed}, {@code changed} or {@code unchanged}
	 * @param secret whether its content comes from a secret (then no diff is shown)
	 * @param modeFrom its mode in {@code from}
	 * @param modeTo its mode in {@code to}
	 * @param diff unified diff of the content, for changed text files that come from no
	 * secret
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record FileChange(String file, String change, boolean secret, @Nullable String modeFrom,
			@Nullable String modeTo, @Nullable String diff) {
	}

	static RenderedDiff of(long from, long to, RenderedBundle before, RenderedBundle after) {
		Function<RenderedBundle, Map<String, RenderedFile>> byName = bundle -> bundle.files()
			.stream()
			.collect(Collectors.toMap(file -> file.area().label() + "/" + file.path(), file -> file, (a, b) -> a,
					TreeMap::new));
		var old = byName.apply(before);
		var current = byName.apply(after);
		var names = new TreeMap<String, Boolean>();
		old.keySet().forEach(name -> names.put(name, true));
		current.keySet().forEach(name -> names.put(name, true));
		var changes = new ArrayList<FileChange>();
		for (var name : names.keySet()) {
			var a = old.get(name);
			var b = current.get(name);
			var secret = (a != null && a.secret()) || (b != null && b.secret());
			if (a == null || b == null) {
				changes
					.add(new FileChange(name, a == null ? "added" : "removed", secret, a == null ? null : a.octalMode(),
							b == null ? null : b.octalMode(), secret ? null : unified(name, a, b)));
				continue;
			}
			var same = a.sha256().equals(b.sha256()) && a.mode() == b.mode();
			changes.add(new FileChange(name, same ? "unchanged" : "changed", secret, a.octalMode(), b.octalMode(),
					same || secret || a.sha256().equals(b.sha256()) ? null : unified(name, a, b)));
		}
		return new RenderedDiff(from, to, List.copyOf(changes));
	}

	private static @Nullable String unified(String name, @Nullable RenderedFile a, @Nullable RenderedFile b) {
		var left = a == null ? List.<String>of() : lines(a.content());
		var right = b == null ? List.<String>of() : lines(b.content());
		if (left == null || right == null) {
			return null;
		}
		var patch = DiffUtils.diff(left, right);
		return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff("a/" + name, "b/" + name, left, patch, 3));
	}

	/** The lines of UTF-8 text, or null for bytes that are not text. */
	private static @Nullable List<String> lines(byte[] content) {
		try {
			var text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.decode(java.nio.ByteBuffer.wrap(content))
				.toString();
			return Arrays.asList(text.split("\n", -1));
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

}
