package io.vaas.session;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.vaas.support.Agents;
import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import io.vaas.support.Replicas;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two servers on one database: a revoked session is refused by the other within 1 s, a
 * long-poll already waiting with it ends at once with 401, and no answer carries what was
 * changed after the revocation ("revoke, then rotate").
 */
@PostgresIntegrationTest
class RevocationAcrossReplicasIntegrationTests {

	/**
	 * The promise; measured in milliseconds on one replica, through NOTIFY on the other.
	 */
	static final long WITHIN_MILLIS = 1_000;

	@LocalServerPort
	int port;

	@Autowired
	JdbcConnectionDetails database;

	ConfigurableApplicationContext other;

	Api a;

	Api b;

	String ns;

	String base;

	@BeforeEach
	void startTheOtherReplica() {
		other = Replicas.start(database);
		a = new Api(port);
		b = Replicas.api(other);
		ns = Api.unique("replica");
		base = "/api/v1/namespaces/" + ns;
		a.namespace(ns);
		a.put(base + "/secrets/db-password", ADMIN_TOKEN, "{\"value\":\"before-rotation\"}").expect(201);
		a.put(base + "/bundles/app", ADMIN_TOKEN,
				"{\"files\":[{\"area\":\"secret\",\"path\":\"password\",\"secret\":\"db-password\"}]}")
			.expect(201);
	}

	@AfterEach
	void stopTheOtherReplica() {
		other.close();
	}

	@Test
	void revocationReachesTheOtherReplicaWithinASecond() throws Exception {
		var token = new Agents(a).accessToken(new Agents(a).seed(ns, "app", "{}"));
		var session = sessionOf(b, token);

		a.delete(base + "/agents/" + session, ADMIN_TOKEN).expect(204);
		var revokedAt = System.nanoTime();
		long waitedMillis;
		while (true) {
			var status = b.call("GET", "/api/v1/agent/session").token(token).send().status();
			waitedMillis = (System.nanoTime() - revokedAt) / 1_000_000;
			if (status == 401 || waitedMillis > 10_000) {
				assertThat(status).isEqualTo(401);
				break;
			}
			Thread.sleep(10);
		}
		assertThat(waitedMillis).as("refused by the other replica within 1 s").isLessThan(WITHIN_MILLIS);
	}

	@Test
	void revokeThenRotateEndsWaitingLongPollsOnEveryReplicaWithoutTheNewSecret() throws Exception {
		var agents = new Agents(a);
		var here = agents.accessToken(agents.seed(ns, "app", "{}"));
		var there = agents.accessToken(agents.seed(ns, "app", "{}"));
		var digest = a.call("GET", "/api/v1/agent/bundle").token(here).send().expect(200).header("ETag");
		var waitingHere = longPoll(a, here, digest);
		var waitingThere = longPoll(b, there, digest);
		awaitWaiting(a, 1);
		awaitWaiting(b, 1);

		a.delete(base + "/agents/" + sessionOf(a, here), ADMIN_TOKEN).expect(204);
		a.delete(base + "/agents/" + sessionOf(a, there), ADMIN_TOKEN).expect(204);
		var revokedAt = System.nanoTime();
		a.put(base + "/secrets/db-password", ADMIN_TOKEN, "{\"value\":\"after-rotation\"}").expect(200);

		for (var waiting : java.util.List.of(waitingHere, waitingThere)) {
			var answer = waiting.get(10, TimeUnit.SECONDS);
			var millis = (System.nanoTime() - revokedAt) / 1_000_000;
			assertThat(answer.statusCode()).as("a revoked session's long-poll ends with 401").isEqualTo(401);
			assertThat(millis).as("at once").isLessThan(WITHIN_MILLIS);
			assertThat(answer.body()).doesNotContain("after-rotation")
				.doesNotContain(Base64.getEncoder().encodeToString("after-rotation".getBytes()));
		}
	}

	@Test
	void revokingTheSeedEndsTheLongPollsOfItsSessions() throws Exception {
		var agents = new Agents(a);
		var seed = a.post(base + "/bundles/app/seeds", ADMIN_TOKEN, "{\"uses\":2}").expect(201).json();
		var first = agents.accessToken(seed.get("token").asString());
		var second = agents.accessToken(seed.get("token").asString());
		var digest = b.call("GET", "/api/v1/agent/bundle").token(first).send().expect(200).header("ETag");
		var waitingFirst = longPoll(b, first, digest);
		var waitingSecond = longPoll(a, second, digest);
		awaitWaiting(a, 1);
		awaitWaiting(b, 1);

		a.delete(base + "/seeds/" + seed.get("seed").get("id").asString(), ADMIN_TOKEN).expect(204);
		var revokedAt = System.nanoTime();
		a.put(base + "/secrets/db-password", ADMIN_TOKEN, "{\"value\":\"after-rotation\"}").expect(200);

		for (var waiting : java.util.List.of(waitingFirst, waitingSecond)) {
			var answer = waiting.get(10, TimeUnit.SECONDS);
			assertThat(answer.statusCode()).isEqualTo(401);
			assertThat((System.nanoTime() - revokedAt) / 1_000_000).isLessThan(WITHIN_MILLIS);
			assertThat(answer.body()).doesNotContain("after-rotation");
		}
		agents.exchange(seed.get("token").asString()).expect(400);
	}

	@Test
	void aRevokedOperatorTokenIsRefusedByTheOtherReplicaAtOnce() {
		var created = a
			.post("/api/v1/tokens", ADMIN_TOKEN,
					"{\"name\":\"" + Api.unique("op") + "\",\"roles\":[{\"namespace\":\"" + ns
							+ "\",\"role\":\"viewer\"}]}")
			.expect(201)
			.json();
		var operator = created.get("token").asString();
		b.get(base + "/configs", operator).expect(200);
		a.delete("/api/v1/tokens/" + created.get("details").get("id").asString(), ADMIN_TOKEN).expect(204);
		b.get(base + "/configs", operator).expectProblem(401, "invalid-token");
	}

	private static String sessionOf(Api api, String token) {
		return api.call("GET", "/api/v1/agent/session")
			.token(token)
			.send()
			.expect(200)
			.json()
			.get("session")
			.asString();
	}

	private static CompletableFuture<HttpResponse<String>> longPoll(Api api, String token, String etag) {
		return HttpClient.newHttpClient()
			.sendAsync(HttpRequest.newBuilder(URI.create(api.url("/api/v1/agent/bundle?wait=30")))
				.header("Authorization", "Bearer " + token)
				.header("If-None-Match", etag)
				.timeout(Duration.ofSeconds(40))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Polls the replica's {@code vaas_agents_waiting} gauge until that many wait. */
	static void awaitWaiting(Api api, int count) throws InterruptedException {
		var deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (true) {
			var metrics = api.call("GET", "/actuator/prometheus").send().expect(200).body();
			var matcher = java.util.regex.Pattern.compile("(?m)^vaas_agents_waiting(?:\\{[^}]*\\})? ([0-9.]+)")
				.matcher(metrics);
			if (matcher.find() && Double.parseDouble(matcher.group(1)) >= count) {
				return;
			}
			assertThat(System.nanoTime()).as("%d long-polls waiting", count).isLessThan(deadline);
			Thread.sleep(20);
		}
	}

}
