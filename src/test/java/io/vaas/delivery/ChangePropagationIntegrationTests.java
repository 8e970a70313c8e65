package io.vaas.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import java.util.Collections;
import java.util.concurrent.Executors;

import io.vaas.support.Agents;
import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import io.vaas.support.Replicas;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Long-polls answer as soon as something the bundle renders from changes: on the same
 * replica, and through PostgreSQL LISTEN/NOTIFY on another one.
 */
@PostgresIntegrationTest
public class ChangePropagationIntegrationTests {

	static final int ROUNDS = 20;

	@LocalServerPort
	int port;

	@Autowired
	JdbcConnectionDetails database;

	@Autowired
	ChangeFeed feed;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void answersAWaitWithA304WhenNothingChanges() {
		var api = new Api(port);
		var setup = setUp(api);
		var started = System.nanoTime();
		api.call("GET", "/api/v1/agent/bundle?wait=1")
			.token(setup.token())
			.header("If-None-Match", "\"" + setup.digest() + "\"")
			.send()
			.expect(304);
		// Held for the second asked, then answered; the room above it is for a machine
		// whose cores are all busy.
		assertThat((System.nanoTime() - started) / 1_000_000).isBetween(900L, 10_000L);
	}

	@Test
	void wakesAWaitingAgentOnTheSameReplica() throws Exception {
		var api = new Api(port);
		var latencies = wakeLatencies(api, api, setUp(api));
		System.out.println("same-replica wake latencies (ms): " + latencies);
		assertWokenByTheChange(latencies);
	}

	@Test
	void wakesAWaitingAgentWhenAnotherReplicaMakesTheChange() throws Exception {
		try (var other = Replicas.start(database)) {
			var a = new Api(port);
			var b = Replicas.api(other);
			var latencies = wakeLatencies(a, b, setUp(a));
			System.out.println("cross-replica wake latencies (ms): " + latencies);
			assertWokenByTheChange(latencies);
		}
	}

	@Test
	void countsAChangeMadeHereOnceThoughItsNotificationComesBackToIt() throws Exception {
		var api = new Api(port);
		var setup = setUp(api);
		awaitEverythingSentSoFar();
		var before = awaitGeneration(setup.ns());
		api.put("/api/v1/namespaces/" + setup.ns() + "/configs/app", ADMIN_TOKEN, "{\"data\":{\"n\":1}}").expect(200);
		assertThat(feed.generation(setup.ns())).as("woken when it committed").isEqualTo(before + 1);
		awaitEverythingSentSoFar();
		assertThat(feed.generation(setup.ns())).as("its own notification passed over").isEqualTo(before + 1);
	}

	/**
	 * Notifies as a replica of an earlier version would (no origin) and waits until this
	 * replica has taken it in: PostgreSQL delivers notifications in the order their
	 * transactions committed, so every one sent before has been taken in too.
	 */
	private void awaitEverythingSentSoFar() throws InterruptedException {
		var marker = Api.unique("marker");
		var before = awaitGeneration(marker);
		jdbc.queryForObject("select pg_notify(?, ?)", Object.class, ChangeFeed.CHANNEL, marker);
		var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (feed.generation(marker) <= before) {
			assertThat(System.nanoTime() - deadline).as("the marker notification taken in within 30 s").isNegative();
			Thread.sleep(5);
		}
	}

	@Test
	void cachesNothingWhileItCannotListenAndCountsEverythingChangedAfter() throws Exception {
		var ns = Api.unique("listen");
		var before = awaitGeneration(ns);
		var killed = jdbc.queryForList(
				"select pg_terminate_backend(pid) from pg_stat_activity "
						+ "where application_name = ? and datname = current_database()",
				Boolean.class, ChangeListener.APPLICATION_NAME);
		assertThat(killed).as("this replica's listening connection").contains(true);
		var sawUnknown = false;
		var deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (!sawUnknown && System.nanoTime() < deadline) {
			sawUnknown = feed.generation(ns) == ChangeFeed.UNKNOWN;
			Thread.sleep(5);
		}
		assertThat(sawUnknown).as("no caching while a notification could be missed").isTrue();
		assertThat(awaitGeneration(ns)).as("after reconnecting, every namespace counts as changed")
			.isGreaterThan(before);
	}

	@Test
	void rendersAfreshWhileItCannotListen() throws Exception {
		var api = new Api(port);
		var setup = setUp(api);
		feed.stop();
		try {
			api.call("GET", "/api/v1/agent/bundle").token(setup.token()).send().expect(200);
			// A change this replica hears nothing of, as when another replica makes it
			// while the LISTEN connection is down.
			jdbc.update(
					"insert into config_versions (id, config_id, version, data, author, created_at) "
							+ "select ?, id, latest_version + 1, ?, 'elsewhere', current_timestamp from configs "
							+ "where namespace = ? and name = 'app'",
					UUID.randomUUID(), "{\"n\":7}".getBytes(StandardCharsets.UTF_8), setup.ns());
			jdbc.update("update configs set latest_version = latest_version + 1 where namespace = ? and name = 'app'",
					setup.ns());
			var reply = api.call("GET", "/api/v1/agent/bundle").token(setup.token()).send().expect(200);
			assertThat(reply.json().get("digest").asString()).as("not the cached render").isNotEqualTo(setup.digest());
		}
		finally {
			feed.start();
		}
		awaitGeneration(setup.ns());
	}

	private long awaitGeneration(String ns) throws InterruptedException {
		var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			var generation = feed.generation(ns);
			if (generation != ChangeFeed.UNKNOWN) {
				return generation;
			}
			Thread.sleep(10);
		}
		throw new AssertionError("the change feed did not listen within 30 s");
	}

	public record Setup(String ns, String token, String digest) {
	}

	/**
	 * A namespace whose bundle renders one config, an agent's token for it and its
	 * digest.
	 */
	public static Setup setUp(Api api) {
		var agents = new Agents(api);
		var ns = Api.unique("wake");
		api.namespace(ns);
		api.put("/api/v1/namespaces/" + ns + "/configs/app", ADMIN_TOKEN, "{\"data\":{\"n\":0}}").expect(201);
		api.put("/api/v1/namespaces/" + ns + "/bundles/app", ADMIN_TOKEN,
				"{\"files\":[{\"area\":\"configuration\",\"path\":\"n\",\"template\":\"{{ config.app.n }}\"}]}")
			.expect(201);
		var token = agents.accessToken(agents.seed(ns, "app", "{}"));
		var digest = api.call("GET", "/api/v1/agent/bundle")
			.token(token)
			.send()
			.expect(200)
			.json()
			.get("digest")
			.asString();
		return new Setup(ns, token, digest);
	}

	/**
	 * Holds a long-poll on {@code waiter}, changes the config through {@code writer}, and
	 * times the wake-up.
	 */
	private static java.util.List<Long> wakeLatencies(Api waiter, Api writer, Setup setup) throws Exception {
		var latencies = new ArrayList<Long>();
		var digest = setup.digest();
		try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int round = 1; round <= ROUNDS; round++) {
				var known = digest;
				var poll = pool.submit(() -> {
					var reply = waiter.call("GET", "/api/v1/agent/bundle?wait=20")
						.token(setup.token())
						.header("If-None-Match", "\"" + known + "\"")
						.send();
					return new long[] { System.nanoTime(), reply.status() };
				});
				Thread.sleep(150);
				assertThat(poll.isDone()).as("still waiting before the change").isFalse();
				writer
					.put("/api/v1/namespaces/" + setup.ns() + "/configs/app", ADMIN_TOKEN,
							"{\"data\":{\"n\":" + round + "}}")
					.expect(200);
				var committed = System.nanoTime();
				var answered = poll.get();
				assertThat(answered[1]).isEqualTo(200);
				latencies.add(Math.max(0, (answered[0] - committed) / 1_000_000));
				digest = waiter.call("GET", "/api/v1/agent/bundle")
					.token(setup.token())
					.send()
					.json()
					.get("digest")
					.asString();
			}
		}
		return latencies;
	}

	/**
	 * On a quiet machine every wake takes a few milliseconds (README). The bounds leave
	 * room for one whose cores are all busy, and still fail a wake that waits for a
	 * timer: unwoken, the long-poll answers only after its 20 s.
	 */
	private static void assertWokenByTheChange(java.util.List<Long> latencies) {
		var sorted = new ArrayList<>(latencies);
		Collections.sort(sorted);
		assertThat(sorted.get(sorted.size() / 2)).as("median wake latency (ms)").isLessThan(200);
		assertThat(sorted.getLast()).as("slowest wake latency (ms)").isLessThan(1_000);
	}

}
