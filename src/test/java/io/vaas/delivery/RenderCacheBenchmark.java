package io.vaas.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.vaas.bundle.RenderFailures;
import io.vaas.bundle.output.Area;
import io.vaas.bundle.output.RenderedBundle;
import io.vaas.bundle.output.RenderedFile;
import io.vaas.session.VerifiedToken;
import org.h2.jdbcx.JdbcDataSource;
import org.mockito.Mockito;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What every fetch of an unchanged bundle costs in {@link RenderCache}: the look-up of
 * the render of the namespace's current generation, on two threads at once as on the two
 * cores of a busy server. The change feed is the embedded database's (an in-memory H2: no
 * listener); the render-state recorder is a mock, as it runs only when a render is made,
 * never on this path. Run with
 * {@code ./mvnw -Pbench test-compile exec:exec -Djmh.args="RenderCacheBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Threads(2)
@Fork(1)
public class RenderCacheBenchmark {

	private RenderCache cache;

	private VerifiedToken token;

	private final Set<Area> areas = EnumSet.of(Area.CONFIGURATION, Area.SECRET);

	private Fetched rendered;

	@Setup
	public void setUp() throws Exception {
		var database = new JdbcDataSource();
		database.setURL("jdbc:h2:mem:render-cache-bench;DB_CLOSE_DELAY=-1");
		var feed = new ChangeFeed(database, new JdbcTemplate(database), null);
		cache = new RenderCache(feed, Mockito.mock(RenderFailures.class));
		token = new VerifiedToken(UUID.randomUUID(), "shop", "web", List.of("configuration", "secret"),
				Instant.now().plusSeconds(3600));
		var files = RenderedBundle.of(List.of(RenderedFile.of(Area.CONFIGURATION, "app.conf", 0444,
				"port=8080\n".getBytes(StandardCharsets.UTF_8), false)));
		rendered = new Fetched("shop/web", 1, files, "signature", System.nanoTime(), null);
		if (cache.get(token, areas, () -> rendered) != rendered) {
			throw new IllegalStateException("the first look-up did not render");
		}
	}

	/** A fetch of the bundle as it was: the cached render of this generation. */
	@Benchmark
	public Fetched unchanged() {
		return cache.get(token, areas, () -> rendered);
	}

}
