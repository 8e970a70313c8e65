package io.vaas.session.web;

import org.jspecify.annotations.Nullable;

/** Reads the digest an agent already has from {@code If-None-Match}. */
final class Digests {

	private Digests() {
	}

	static @Nullable String fromIfNoneMatch(@Nullable String header) {
		if (header == null) {
			return null;
		}
		for (var tag : header.split(",")) {
			var value = tag.strip();
			if (value.startsWith("W/")) {
				value = value.substring(2);
			}
			if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
				value = value.substring(1, value.length() - 1);
			}
			if (value.startsWith("sha256:")) {
				return value;
			}
		}
		return null;
	}

}
