package io.vaas.seed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import io.vaas.bundle.output.Area;
import io.vaas.shared.Texts;
import org.jspecify.annotations.Nullable;

/** What every seed request must keep, token or key; a broken rule is a 400 naming it. */
final class SeedRules {

	static final String TOKEN = "token";

	static final String KEY = "key";

	static final Duration MAX_TTL = Duration.ofDays(30);

	static final Duration MAX_SESSION = Duration.ofDays(30);

	static final int MAX_USES = 1_000_000;

	private SeedRules() {
	}

	/** How long a seed can be exchanged: default 24 h, at most 30 days. */
	static Duration ttl(@Nullable Duration ttl) {
		return duration("ttl", ttl, MAX_TTL);
	}

	/** How long its sessions may be renewed: default 24 h, at most 30 days. */
	static Duration maxSession(@Nullable Duration maxSession) {
		return duration("maxSessionLifetime", maxSession, MAX_SESSION);
	}

	static int uses(@Nullable Integer uses) {
		int value = uses == null ? 1 : uses;
		if (value < 1 || value > MAX_USES) {
			throw new InvalidSeedRequest("uses must be between 1 and " + MAX_USES);
		}
		return value;
	}

	static void description(@Nullable String description) {
		Texts.check("description", description, 500);
	}

	static List<Area> areas(@Nullable List<String> labels) {
		if (labels == null) {
			return List.of(Area.values());
		}
		if (labels.isEmpty()) {
			throw new InvalidSeedRequest("areas must name at least one area");
		}
		var areas = new LinkedHashSet<Area>();
		for (var label : labels) {
			areas.add(Area.of(label)
				.orElseThrow(() -> new InvalidSeedRequest("areas must be among configuration, secret, context, proc")));
		}
		return new ArrayList<>(areas);
	}

	private static Duration duration(String field, @Nullable Duration value, Duration max) {
		var duration = value == null ? Duration.ofHours(24) : value;
		if (duration.toSeconds() < 1 || duration.getNano() != 0 || duration.compareTo(max) > 0) {
			throw new InvalidSeedRequest(field + " must be whole seconds, at least 1 s and at most " + max);
		}
		return duration;
	}

}
