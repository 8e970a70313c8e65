package io.vaas.delivery;

import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vaas.bundle.output.Area;
import io.vaas.bundle.RenderFailures;
import io.vaas.bundle.RevisionRenderFailed;
import io.vaas.session.VerifiedToken;
import io.vaas.shared.DatabaseFailures;
import io.vaas.shared.NamespaceName;
import io.vaas.shared.ResourceName;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Renders for agents, cached per bundle, areas and namespace generation: until something
 * in the namespace changes, a 304 or a repeated 200 does no template work and no
 * decryption. While changes elsewhere could go unnoticed ({@link ChangeFeed#UNKNOWN})
 * nothing is cached.
 * <p>
 * The last good rendering of each bundle and areas is kept besides: it is what agents get
 * when a later change breaks the bundle (the failure is recorded on the bundle and
 * audited) and while the database is out of reach.
 */
@Component
class RenderCache {

	private static final Logger log = LoggerFactory.getLogger(RenderCache.class);

	/** Bytes of rendered files each cache may hold. */
	static final long MAX_BYTES = 256L * 1024 * 1024;

	/**
	 * How long after a failed attempt renders are not tried while nothing is listening.
	 */
	static final long UNAVAILABLE_FOR = Duration.ofSeconds(2).toNanos();

	private final ChangeFeed feed;

	private volatile long unavailableAt = System.nanoTime() - UNAVAILABLE_FOR;

	private final RenderFailures failures;

	private final Cache<AtGeneration, Outcome> byGeneration = Caffeine.newBuilder()
		.expireAfterWrite(Duration.ofSeconds(30))
		.maximumWeight(MAX_BYTES)
		.<AtGeneration, Outcome>weigher(
				(key, outcome) -> outcome instanceof Outcome.Good good ? weight(good.fetched()) : 1)
		.build();

	/**
	 * The last good render of each bundle and areas, kept for a day after it was last
	 * rendered (every 30 s while agents fetch it) or served in its place; written when a
	 * render is made, so an answer from {@link #byGeneration} does not touch it.
	 */
	private final Cache<Key, Last> lastGood = Caffeine.newBuilder()
		.expireAfterAccess(Duration.ofDays(1))
		.maximumWeight(MAX_BYTES)
		.<Key, Last>weigher((key, last) -> weight(last.fetched()))
		.build();

	RenderCache(ChangeFeed feed, RenderFailures failures) {
		this.feed = feed;
		this.failures = failures;
	}

	/**
	 * What is rendered: a bundle for a set of areas (a record, not a string, so a cached
	 * answer builds no text; the areas as bits, so the key holds nothing the caller could
	 * change).
	 */
	private record Key(String namespace, String bundle, long areas) {

		static Key of(VerifiedToken token, Set<Area> areas) {
			var bits = 0L;
			for (var area : areas) {
				bits |= 1L << area.ordinal();
			}
			return new Key(token.namespace(), token.bundle(), bits);
		}

		// Written out: looked up on every fetch, where the record's generated method
		// showed in profiles.
		@Override
		public int hashCode() {
			return (31 * namespace.hashCode() + bundle.hashCode()) * 31 + Long.hashCode(areas);
		}

	}

	/**
	 * A last good render, and when the latest render that gave it began (a
	 * {@link System#nanoTime()}): a render begun later read later data.
	 */
	private record Last(Fetched fetched, long begun) {
	}

	private record AtGeneration(Key key, long generation) {

		@Override
		public int hashCode() {
			return key.hashCode() * 31 + Long.hashCode(generation);
		}

	}

	/** A render of one generation: the files, or why there are none. */
	private sealed interface Outcome {

		record Good(Fetched fetched) implements Outcome {
		}

		record Failed(RevisionRenderFailed failure) implements Outcome {
		}

	}

	/**
	 * The render of the namespace's current generation if it is cached and good:
	 * {@code null} for anything {@link #get} would have to render, wait for or fall back
	 * from.
	 */
	@Nullable Fetched getIfCached(VerifiedToken token, Set<Area> areas) {
		var generation = feed.generation(token.namespace());
		if (generation == ChangeFeed.UNKNOWN) {
			return null;
		}
		return byGeneration
			.getIfPresent(new AtGeneration(Key.of(token, areas), generation)) instanceof Outcome.Good good
					? good.fetched() : null;
	}

	Fetched get(VerifiedToken token, Set<Area> areas, Supplier<Fetched> render) {
		var key = Key.of(token, areas);
		var generation = feed.generation(token.namespace());
		if (generation == ChangeFeed.UNKNOWN && System.nanoTime() - unavailableAt < UNAVAILABLE_FOR) {
			// The database was out of reach a moment ago: no one waits for it again yet.
			var good = lastGoodOf(key);
			if (good != null) {
				return good;
			}
		}
		Outcome outcome;
		try {
			// A failure is cached like a success, so agents woken at once by a breaking
			// change do not render it again one after the other.
			outcome = generation == ChangeFeed.UNKNOWN ? render(token, key, render)
					: byGeneration.get(new AtGeneration(key, generation), missing -> render(token, key, render));
		}
		catch (RuntimeException ex) {
			var good = lastGoodOf(key);
			if (DatabaseFailures.isUnavailable(ex)) {
				unavailableAt = System.nanoTime();
				if (good != null) {
					return good;
				}
			}
			throw ex;
		}
		return switch (outcome) {
			case Outcome.Good good -> good.fetched();
			case Outcome.Failed failed -> {
				var good = lastGoodOf(key);
				if (good == null) {
					throw failed.failure();
				}
				yield good;
			}
		};
	}

	private Outcome render(VerifiedToken token, Key key, Supplier<Fetched> render) {
		var namespace = NamespaceName.of(token.namespace());
		var bundle = ResourceName.of(token.bundle());
		Fetched fetched;
		try {
			fetched = render.get();
		}
		catch (RevisionRenderFailed ex) {
			record(token, () -> failures.failed(namespace, bundle, ex));
			return new Outcome.Failed(ex);
		}
		record(token, () -> failures.rendered(namespace, bundle, fetched.revision()));
		// The same files rendered again: the earlier instance stays, with its earlier
		// render time (what revocation checks compare with) and its cached encodings.
		var earlier = lastGoodOf(key);
		var made = earlier != null && earlier.revision() == fetched.revision()
				&& earlier.files().digest().equals(fetched.files().digest()) ? earlier : fetched;
		// Renders of two generations may end in either order: the one begun later read
		// the later data. Writing it again keeps it another day.
		lastGood.asMap()
			.merge(key, new Last(made, fetched.renderedAt()),
					(kept, latest) -> latest.begun() - kept.begun() >= 0 ? latest : kept);
		return new Outcome.Good(made);
	}

	private @Nullable Fetched lastGoodOf(Key key) {
		var last = lastGood.getIfPresent(key);
		return last == null ? null : last.fetched();
	}

	/** The bundle's render state is worth recording, not worth failing a fetch for. */
	private static void record(VerifiedToken token, Runnable write) {
		try {
			write.run();
		}
		catch (RuntimeException ex) {
			log.warn("event=render_state_unrecorded bundle={} error={}", token.qualifiedBundle(),
					ex.getClass().getSimpleName());
		}
	}

	private static int weight(Fetched fetched) {
		long bytes = 0;
		for (var file : fetched.files().files()) {
			bytes += file.content().length;
		}
		return (int) Math.min(Integer.MAX_VALUE, bytes + 256);
	}

}
