package io.vaas.delivery.web;

import org.jspecify.annotations.Nullable;

/** Reads the digest an agent already has from {@code If-None-Match}. */
final class Digests {

	private Digests() {
	}

	/** {@code If-None-Match: *}: whatever the agent has, it matches. */
	static final String ANY = "*";

	/** Whether the digest the agent has ({@link #fromIfNoneMatch}) is this one. */
	static boolean matches(@Nullable String known, String digest) {
		return known != null && (known.equals(ANY) || known.equals(digest));
	}

	static @Nullable String fromIfNoneMatch(@Nullable String header) {
		if (header == null) {
			return null;
		}
		if (header.strip().equals(ANY)) {
			return ANY;
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
