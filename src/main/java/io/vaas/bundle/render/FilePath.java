package io.vaas.bundle.render;

import java.util.regex.Pattern;

/**
 * A file's path inside its area (SPEC §3): relative, segments of {@code [A-Za-z0-9._-]+},
 * never {@code .} or {@code ..}, no segment starting with {@code ..} (reserved for the
 * agent's {@code ..data} scheme), at most 8 deep.
 */
public final class FilePath {

	static final int MAX_DEPTH = 8;

	private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");

	private FilePath() {
	}

	public static String check(String path) {
		if (path.isEmpty() || path.startsWith("/")) {
			throw new RenderRuleBroken("path must be relative and not empty");
		}
		var segments = path.split("/", -1);
		if (segments.length > MAX_DEPTH) {
			throw new RenderRuleBroken("path may be at most " + MAX_DEPTH + " segments deep");
		}
		for (var segment : segments) {
			if (!SEGMENT.matcher(segment).matches()) {
				throw new RenderRuleBroken("path segments are made of letters, digits, '.', '_' and '-'");
			}
			if (segment.equals(".") || segment.startsWith("..")) {
				throw new RenderRuleBroken("path segments may not be '.' or start with '..'");
			}
		}
		return path;
	}

}
