package io.vaas.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.vaas.support.TestDatabase.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TestDatabaseUnitTests {

	static final Duration SHORT = Duration.ofMillis(300);

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "jdbc:postgresql://127.0.0.1:5432/postgres|jdbc:postgresql://127.0.0.1:5432/fresh",
					"jdbc:postgresql://db:5432/app?sslmode=require|jdbc:postgresql://db:5432/fresh?sslmode=require",
					"jdbc:postgresql://db/|jdbc:postgresql://db/fresh",
					"jdbc:postgresql://db|jdbc:postgresql://db/fresh" })
	void pointsAServerUrlAtTheFreshDatabase(String url, String expected) {
		assertThat(TestDatabase.withDatabase(url, "fresh")).isEqualTo(expected);
	}

	@Test
	void takesTheUrlFirstWithoutAskingDockerAndPrintsItWithoutItsParameters() {
		var docker = new FakeEngine();
		var choice = DatabaseChoice
			.resolve(Map.of("VAAS_TEST_DB_URL", "jdbc:postgresql://db:5432/app?password=hunter2")::get, docker);
		assertThat(choice.source()).isEqualTo(Source.URL);
		assertThat(choice.line())
			.isEqualTo("vaas test database: VAAS_TEST_DB_URL jdbc:postgresql://db:5432/app (VAAS_TEST_DB_URL is set)");
		assertThat(docker.asked).isEmpty();
	}

	@Test
	void usesTheDefaultImageWhenItIsPresent() {
		var docker = new FakeEngine();
		docker.images.add("postgres:17-alpine");
		var choice = DatabaseChoice.resolve(Map.<String, String>of()::get, docker);
		assertThat(choice).isEqualTo(new DatabaseChoice(Source.DOCKER, "postgres:17-alpine", "present locally"));
		assertThat(choice.line())
			.isEqualTo("vaas test database: Testcontainers, image postgres:17-alpine (present locally)");
		assertThat(docker.asked).containsExactly("available", "hasImage postgres:17-alpine");
	}

	@Test
	void usesTheConfiguredImageAndPullsItWhenMissing() {
		var docker = new FakeEngine();
		var choice = DatabaseChoice.resolve(Map.of("VAAS_TEST_POSTGRES_IMAGE", "vaas-local/postgres:15")::get, docker);
		assertThat(choice.source()).isEqualTo(Source.DOCKER);
		assertThat(choice.target()).isEqualTo("vaas-local/postgres:15");
		assertThat(choice.why()).matches("pulled in \\d+ s");
		assertThat(docker.asked).containsExactly("available", "hasImage vaas-local/postgres:15",
				"pull vaas-local/postgres:15");
	}

	@Test
	void fallsBackToTheLocalServerWithoutAnEngine() {
		var docker = new FakeEngine();
		docker.available = false;
		var choice = DatabaseChoice.decide("postgres:17-alpine", SHORT, docker);
		assertThat(choice.source()).isEqualTo(Source.LOCAL);
		assertThat(choice.line()).isEqualTo("vaas test database: local PostgreSQL "
				+ "jdbc:postgresql://127.0.0.1:5432/postgres (Testcontainers not used: "
				+ "Testcontainers found no usable Docker engine)");
		assertThat(docker.asked).containsExactly("available");
	}

	@Test
	void fallsBackWhenTheImageCannotBePulled() {
		var docker = new FakeEngine();
		docker.pullFailure = new IllegalStateException(
				"Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup registry-1.docker.io: no such host\nmore");
		var choice = DatabaseChoice.decide("postgres:17-alpine", SHORT, docker);
		assertThat(choice.source()).isEqualTo(Source.LOCAL);
		assertThat(choice.why()).isEqualTo("image postgres:17-alpine is not present and could not be pulled: "
				+ "Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup registry-1.docker.io: no such host");
	}

	@Test
	void neverWaitsLongerThanItsTimeForAPullThatHangs() throws InterruptedException {
		var docker = new FakeEngine();
		docker.pullBlocks = true;
		var started = System.nanoTime();
		var choice = DatabaseChoice.decide("postgres:17-alpine", SHORT, docker);
		var millis = (System.nanoTime() - started) / 1_000_000;
		assertThat(choice.source()).isEqualTo(Source.LOCAL);
		assertThat(choice.why()).isEqualTo("image postgres:17-alpine is not present and was not pulled within 300 ms");
		assertThat(millis).as("waited %d ms for a 300 ms limit", millis).isBetween(250L, 10_000L);
		assertThat(docker.interrupted.await(10, TimeUnit.SECONDS)).as("the hanging pull was interrupted").isTrue();
	}

	@Test
	void neverWaitsLongerThanItsTimeForAnEngineThatDoesNotAnswer() {
		var docker = new FakeEngine();
		docker.availableBlocks = true;
		var choice = DatabaseChoice.decide("postgres:17-alpine", SHORT, docker);
		assertThat(choice.source()).isEqualTo(Source.LOCAL);
		assertThat(choice.why()).startsWith("Testcontainers was not ready within 300 ms");
	}

	@Test
	void reportsAnEngineThatFailsWithoutItsWholeMessage() {
		var docker = new FakeEngine();
		docker.availableFailure = new RuntimeException("Could not pull image testcontainers/ryuk\nstack");
		var choice = DatabaseChoice.decide("postgres:17-alpine", SHORT, docker);
		assertThat(choice.source()).isEqualTo(Source.LOCAL);
		assertThat(choice.why())
			.startsWith("Testcontainers could not use the Docker engine: Could not pull image testcontainers/ryuk")
			.doesNotContain("stack");
	}

	@Test
	void readsItsTimeInWholeSeconds() {
		var docker = new FakeEngine();
		docker.pullBlocks = true;
		var choice = DatabaseChoice.resolve(Map.of("VAAS_TEST_DOCKER_TIMEOUT_SECONDS", "1")::get, docker);
		assertThat(choice.why()).isEqualTo("image postgres:17-alpine is not present and was not pulled within 1 s");
		assertThatIllegalStateException()
			.isThrownBy(() -> DatabaseChoice.resolve(Map.of("VAAS_TEST_DOCKER_TIMEOUT_SECONDS", "30s")::get, docker))
			.withMessageContaining("whole number of seconds");
	}

	/** An engine that answers as told and records what it was asked. */
	static final class FakeEngine implements DockerEngine {

		final List<String> asked = new ArrayList<>();

		final List<String> images = new ArrayList<>();

		final CountDownLatch interrupted = new CountDownLatch(1);

		boolean available = true;

		boolean availableBlocks;

		RuntimeException availableFailure;

		boolean pullBlocks;

		RuntimeException pullFailure;

		@Override
		public boolean available() throws InterruptedException {
			asked.add("available");
			if (availableBlocks) {
				new CountDownLatch(1).await();
			}
			if (availableFailure != null) {
				throw availableFailure;
			}
			return available;
		}

		@Override
		public boolean hasImage(String image) {
			asked.add("hasImage " + image);
			return images.contains(image);
		}

		@Override
		public void pull(String image) {
			asked.add("pull " + image);
			if (pullFailure != null) {
				throw pullFailure;
			}
			try {
				if (pullBlocks) {
					new CountDownLatch(1).await();
				}
			}
			catch (InterruptedException ex) {
				interrupted.countDown();
			}
		}

	}

}
