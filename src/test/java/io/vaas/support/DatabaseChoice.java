package io.vaas.support;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

import io.vaas.support.TestDatabase.Source;

/**
 * Which PostgreSQL the tests use, and why (SPEC §6): {@code VAAS_TEST_DB_URL} when set;
 * else Testcontainers when, within a bounded time, a Docker engine answers and the image
 * is present or pulled; else the local PostgreSQL. Every question to the engine runs on a
 * thread of its own that is abandoned when the time is up, so an engine that answers but
 * cannot pull (no registry) delays the run by that time at most, never hangs it.
 *
 * @param source where the database comes from
 * @param target the URL (without its parameters, which may hold a password) or the image
 * @param why what the choice rests on, or why Testcontainers was not used
 */
record DatabaseChoice(Source source, String target, String why) {

	static final String DEFAULT_IMAGE = "postgres:17-alpine";

	static final Duration DEFAULT_DOCKER_TIMEOUT = Duration.ofSeconds(30);

	static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

	/** Reads the settings ({@code VAAS_TEST_*}), then decides. */
	static DatabaseChoice resolve(UnaryOperator<String> settings, DockerEngine docker) {
		var url = settings.apply("VAAS_TEST_DB_URL");
		if (url != null && !url.isBlank()) {
			return new DatabaseChoice(Source.URL, withoutParameters(url), "VAAS_TEST_DB_URL is set");
		}
		var image = settings.apply("VAAS_TEST_POSTGRES_IMAGE");
		var seconds = settings.apply("VAAS_TEST_DOCKER_TIMEOUT_SECONDS");
		return decide(image == null || image.isBlank() ? DEFAULT_IMAGE : image.strip(),
				seconds == null || seconds.isBlank() ? DEFAULT_DOCKER_TIMEOUT : seconds(seconds), docker);
	}

	/**
	 * Testcontainers with {@code image} if the engine gets ready within {@code timeout}.
	 */
	static DatabaseChoice decide(String image, Duration timeout, DockerEngine docker) {
		var deadline = System.nanoTime() + timeout.toNanos();
		var limit = "within " + (timeout.toMillisPart() == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms");
		try {
			if (!within(deadline, docker::available)) {
				return local("Testcontainers found no usable Docker engine");
			}
		}
		catch (TimeoutException ex) {
			return local("Testcontainers was not ready " + limit + ryukHint());
		}
		catch (Exception ex) {
			return local("Testcontainers could not use the Docker engine: " + summary(ex) + ryukHint());
		}
		try {
			if (within(deadline, () -> docker.hasImage(image))) {
				return new DatabaseChoice(Source.DOCKER, image, "present locally");
			}
			var started = System.nanoTime();
			within(deadline, () -> {
				docker.pull(image);
				return true;
			});
			return new DatabaseChoice(Source.DOCKER, image,
					"pulled in " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
		}
		catch (TimeoutException ex) {
			return local("image " + image + " is not present and was not pulled " + limit);
		}
		catch (Exception ex) {
			return local("image " + image + " is not present and could not be pulled: " + summary(ex));
		}
	}

	/** The one line a test run prints about its database. */
	String line() {
		return switch (source) {
			case URL -> "vaas test database: VAAS_TEST_DB_URL " + target + " (" + why + ")";
			case DOCKER -> "vaas test database: Testcontainers, image " + target + " (" + why + ")";
			case LOCAL -> "vaas test database: local PostgreSQL " + target + " (Testcontainers not used: " + why + ")";
		};
	}

	private static DatabaseChoice local(String why) {
		return new DatabaseChoice(Source.LOCAL, withoutParameters(LOCAL_URL), why);
	}

	private static <T> T within(long deadline, Callable<T> question) throws Exception {
		var task = new FutureTask<>(question);
		Thread.ofPlatform().daemon().name("vaas-test-docker-check").start(task);
		try {
			return task.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			task.cancel(true);
			throw ex;
		}
		catch (ExecutionException ex) {
			throw ex.getCause() instanceof Exception cause ? cause : ex;
		}
	}

	private static String ryukHint() {
		return Boolean.parseBoolean(System.getenv("TESTCONTAINERS_RYUK_DISABLED")) ? ""
				: " (Ryuk is enabled: it needs its image too; TESTCONTAINERS_RYUK_DISABLED=true turns it off)";
	}

	private static String summary(Exception ex) {
		var message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage().strip();
		var firstLine = message.lines().findFirst().orElse("");
		return firstLine.length() > 200 ? firstLine.substring(0, 200) + "…" : firstLine;
	}

	private static Duration seconds(String value) {
		try {
			return Duration.ofSeconds(Long.parseLong(value.strip()));
		}
		catch (NumberFormatException ex) {
			throw new IllegalStateException("VAAS_TEST_DOCKER_TIMEOUT_SECONDS must be a whole number of seconds", ex);
		}
	}

	static String withoutParameters(String url) {
		var query = url.indexOf('?');
		return query < 0 ? url : url.substring(0, query);
	}

}
