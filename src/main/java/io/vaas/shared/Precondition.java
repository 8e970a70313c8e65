package io.vaas.shared;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A writer's conditional-request headers: {@code If-Match} with version ETags
 * ({@code "3"}) or {@code *}, and {@code If-None-Match: *} for create-only writes.
 *
 * @param ifMatch the entity tags of {@code If-Match}, or null when absent
 * @param ifNoneMatchAny whether {@code If-None-Match: *} was sent
 */
public record Precondition(@Nullable List<String> ifMatch, boolean ifNoneMatchAny) {

	public static Precondition none() {
		return new Precondition(null, false);
	}

	/**
	 * Parses the raw header values; weak and strong tags compare alike, as version
	 * numbers.
	 */
	public static Precondition of(@Nullable String ifMatch, @Nullable String ifNoneMatch) {
		List<String> tags = ifMatch == null ? null
				: java.util.Arrays.stream(ifMatch.split(","))
					.map(String::strip)
					.map(tag -> tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")
							? tag.substring(1, tag.length() - 1) : tag)
					.toList();
		return new Precondition(tags, ifNoneMatch != null && ifNoneMatch.strip().equals("*"));
	}

	/**
	 * Throws {@link VersionConflict} unless the precondition holds for the current
	 * version (null: no config yet).
	 */
	public void check(@Nullable Long current) {
		if (ifNoneMatchAny && current != null) {
			throw new VersionConflict("It already exists (If-None-Match: *); its version is " + current, current);
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
