package io.vaas.shared;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A writer's conditional-request headers: {@code If-Match} with version ETags
 * ({@code "3"}) or {@code *}, and {@code If-None-Match: *} for create-only writes.
 *
 * @param ifMatch the entity tags of {@code If-Match}, or null when absent
 * @param ifNoneMatchAny whether {@code If-None-Match: *} was sent
 * @param ifNoneMatch the entity tags of {@code If-None-Match}, or null when absent
 */
public record Precondition(@Nullable List<String> ifMatch, boolean ifNoneMatchAny, @Nullable List<String> ifNoneMatch) {

	public static Precondition none() {
		return new Precondition(null, false, null);
	}

	/**
	 * Parses the raw header values; tags are version numbers.
	 */
	public static Precondition of(@Nullable String ifMatch, @Nullable String ifNoneMatch) {
		return new Precondition(tags(ifMatch, false), ifNoneMatch != null && ifNoneMatch.strip().equals("*"),
				tags(ifNoneMatch, true));
	}

	/**
	 * If-Match compares strongly, so a weak tag never matches there; If-None-Match
	 * compares weakly (RFC 9110 §13.1).
	 */
	private static @Nullable List<String> tags(@Nullable String header, boolean weak) {
		return header == null ? null
				: java.util.Arrays.stream(header.split(","))
					.map(String::strip)
					.map(tag -> weak && tag.startsWith("W/") ? tag.substring(2) : tag)
					.map(tag -> tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")
							? tag.substring(1, tag.length() - 1) : tag)
					.toList();
	}

	/**
	 * Throws {@link VersionConflict} unless the precondition holds for the current
	 * version (null: no config yet).
	 */
	public void check(@Nullable Long current) {
		if (ifNoneMatchAny && current != null) {
			throw new VersionConflict("It already exists (If-None-Match: *); its version is " + current, current);
		}
		if (ifNoneMatch != null && current != null && ifNoneMatch.contains(Long.toString(current))) {
			throw new VersionConflict("Its version is " + current + ", which If-None-Match excludes", current);
		}
		if (ifMatch == null) {
			return;
		}
		if (current == null) {
			throw new VersionConflict("It does not exist, so If-Match cannot hold", null);
		}
		if (ifMatch.contains("*") || ifMatch.contains(Long.toString(current))) {
			return;
		}
		throw new VersionConflict(
				"If-Match does not name the latest version, which is " + current + "; read it again and retry",
				current);
	}

}
