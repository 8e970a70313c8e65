package io.vaas;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.vaas.support.Agents;
import io.vaas.support.Api;
import io.vaas.support.ThrowawayPostgres;
import io.vaas.support.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL stopped under load and started again, for real ({@link ThrowawayPostgres}):
 * what needs the database answers 503 with {@code Retry-After} within 2 s, agents holding
 * a token keep getting their rendered bundle (200 and 304) and their long-polls stay
 * open, readiness goes DOWN and liveness stays UP; within 5 s of the database's return
 * everything works without a restart, every acknowledged write is there, and every write
 * there is whole (its version and its audit event, the chain intact); and the log says so
 * without a stack trace per refused request.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseOutageIntegrationTests {

	/** SPEC §7.5. */
	static final long ANSWER_WITHIN_MILLIS = 2_000;

	static final long RECOVER_WITHIN_MILLIS = 5_000;

	static ThrowawayPostgres postgres;

	static ConfigurableApplicationContext server;

	static Api api;

	@BeforeAll
	static void start() throws Exception {
		postgres = ThrowawayPostgres.start();
		server = new SpringApplicationBuilder(VaasApplication.class).run("--server.port=0",
				"--spring.datasource.url=" + postgres.url(), "--spring.datasource.username=postgres",
				"--spring.datasource.password=", "--vaas.bootstrap.admin-token=" + ADMIN_TOKEN,
				"--vaas.data-dir=" + System.getProperty("java.io.tmpdir") + "/vaas-test-data");
		api = new Api(((WebServerApplicationContext) server).getWebServer().getPort());
	}

	@AfterAll
	static void stop() throws Exception {
		if (server != null) {
			server.close();
		}
		if (postgres != null) {
			postgres.close();
		}
	}

	@Test
	void answers503WhileTheDatabaseIsAwayAndRecoversWithoutLosingAWrite(CapturedOutput output) throws Exception {
		var ns = Api.unique("outage");
		var base = "/api/v1/namespaces/" + ns;
		api.namespace(ns);
		api.put(base + "/configs/app", ADMIN_TOKEN, "{\"data\":{\"port\":1}}").expect(201);
		api.put(base + "/secrets/pw", ADMIN_TOKEN, "{\"value\":\"s3cr3t\"}").expect(201);
		api.put(base + "/bundles/app", ADMIN_TOKEN, """
				{"files":[{"area":"configuration","path":"port","template":"{{ config.app.port }}"},
				 {"area":"secret","path":"pw","secret":"pw"}]}""").expect(201);
		var agents = new Agents(api);
		var token = agents.accessToken(agents.seed(ns, "app", "{}"));
		var unused = agents.seed(ns, "app", "{}");
		var etag = api.call("GET", "/api/v1/agent/bundle").token(token).send().expect(200).header("ETag");
		// What was rendered is served through the outage once this replica has read the
		// revocations committed before it was rendered.
		var reads = revocationReads();
		Await.until(() -> revocationReads() >= reads + 2, "two revocation reads");
		var waiting = longPoll(token, etag, 60);
		awaitWaiting(1);

		// Writes in a loop, through the outage: which were acknowledged, with what
		// version.
		var acknowledged = new ConcurrentHashMap<Integer, Long>();
		var writing = new AtomicBoolean(true);
		var writer = Thread.ofPlatform().start(() -> {
			for (int value = 1; writing.get(); value++) {
				var reply = api.call("PUT", base + "/configs/load")
					.token(ADMIN_TOKEN)
					.json("{\"data\":{\"value\":" + value + "}}")
					.send();
				if (reply.status() == 200 || reply.status() == 201) {
					acknowledged.put(value, reply.json().get("version").asLong());
				}
				try {
					Thread.sleep(50);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		Await.until(() -> acknowledged.size() >= 5, "writes before the outage");

		postgres.down();

		timed503(() -> api.call("GET", base + "/configs/app").token(ADMIN_TOKEN).send());
		timed503(() -> api.put(base + "/configs/app", ADMIN_TOKEN, "{\"data\":{\"port\":2}}"));
		var exchange = timed(() -> agents.exchange(unused));
		assertThat(exchange.status()).isEqualTo(503);
		assertThat(exchange.json().get("error").asString()).isEqualTo("temporarily_unavailable");
		assertThat(exchange.header("Retry-After")).isNotNull();
		var seedExchange = timed(() -> agents.exchange("vaas_seed_" + "x".repeat(46)));
		assertThat(seedExchange.status()).isIn(400, 503);

		var cached = timed(() -> api.call("GET", "/api/v1/agent/bundle").token(token).send());
		assertThat(cached.status()).as(cached.body()).isEqualTo(200);
		assertThat(cached.header("ETag")).isEqualTo(etag);
		assertThat(
				timed(() -> api.call("GET", "/api/v1/agent/bundle").token(token).header("If-None-Match", etag).send())
					.status())
			.isEqualTo(304);
		assertThat(timed(() -> api.call("GET", "/api/v1/agent/session").token(token).send()).status()).isEqualTo(200);
		assertThat(timed(() -> api.call("GET", "/actuator/health/readiness").send()).status()).isEqualTo(503);
		assertThat(timed(() -> api.call("GET", "/actuator/health/liveness").send()).status()).isEqualTo(200);
		assertThat(waiting).as("the waiting long-poll stays open").isNotDone();

		postgres.up();
		var back = System.nanoTime();
		Await.until(() -> api.call("GET", base + "/configs/app").token(ADMIN_TOKEN).send().status() == 200,
				"operator reads after the database is back");
		Await.until(() -> api.call("GET", "/actuator/health/readiness").send().status() == 200, "ready again");
		var exchanged = agents.exchange(unused);
		assertThat(exchanged.status()).isEqualTo(200);
		var recovered = (System.nanoTime() - back) / 1_000_000;
		assertThat(recovered).as("working again without a restart").isLessThan(RECOVER_WITHIN_MILLIS);

		// The long-poll survived, and a change now wakes it (the listener is back).
		assertThat(waiting).isNotDone();
		api.put(base + "/configs/app", ADMIN_TOKEN, "{\"data\":{\"port\":3}}").expect(200);
		var woken = waiting.get(20, TimeUnit.SECONDS);
		assertThat(woken.statusCode()).isEqualTo(200);
		assertThat(woken.headers().firstValue("ETag")).isNotEqualTo(java.util.Optional.of(etag));

		Await.until(() -> acknowledged.size() >= 5 + 5, "writes after the outage");
		writing.set(false);
		writer.join(30_000);
		everyAcknowledgedWriteIsWhole(base, acknowledged, ns);
		// Each refused request is not logged as an error with its stack trace: the outage
		// is logged, at most every few seconds.
		assertThat(output.getAll()).contains("event=database_unavailable")
			.doesNotContain("threw exception")
			.doesNotContain("Unable to rollback against JDBC Connection");
	}

	private static void everyAcknowledgedWriteIsWhole(String base, Map<Integer, Long> acknowledged, String ns) {
		var versions = api.get(base + "/configs/load/versions", ADMIN_TOKEN).expect(200).json();
		var stored = new java.util.HashMap<Long, Integer>();
		for (var version : versions) {
			var number = version.get("version").asLong();
			var content = api.get(base + "/configs/load/versions/" + number, ADMIN_TOKEN).expect(200).json();
			stored.put(number, content.get("data").get("value").asInt());
		}
		acknowledged.forEach((value, version) -> assertThat(stored.get(version))
			.as("acknowledged write of %d as version %d", value, version)
			.isEqualTo(value));
		var events = api.audit("namespace=" + ns + "&action=config.write&size=500", page -> true);
		var audited = new java.util.HashSet<Long>();
		events.get("events").forEach(event -> {
			if ("load".equals(event.get("resource").asString())) {
				audited.add(event.get("version").asLong());
			}
		});
		assertThat(audited).as("every stored version has its audit event").isEqualTo(stored.keySet());
		assertThat(api.post("/api/v1/audit/verify", ADMIN_TOKEN, "").expect(200).json().get("intact").asBoolean())
			.isTrue();
	}

	private static void timed503(Supplier<Api.Reply> call) {
		var reply = timed(call);
		reply.expectProblem(503, "database-unavailable");
		assertThat(reply.header("Retry-After")).isNotNull();
	}

	private static Api.Reply timed(Supplier<Api.Reply> call) {
		var started = System.nanoTime();
		var reply = call.get();
		assertThat((System.nanoTime() - started) / 1_000_000).as("answered within 2 s: %s", reply.body())
			.isLessThan(ANSWER_WITHIN_MILLIS);
		return reply;
	}

	private static CompletableFuture<HttpResponse<String>> longPoll(String token, String etag, int seconds) {
		return HttpClient.newHttpClient()
			.sendAsync(HttpRequest.newBuilder(URI.create(api.url("/api/v1/agent/bundle?wait=" + seconds)))
				.header("Authorization", "Bearer " + token)
				.header("If-None-Match", etag)
				.timeout(Duration.ofSeconds(seconds + 30))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static double revocationReads() {
		return metric("vaas_agents_revocation_reads_total");
	}

	private static void awaitWaiting(int count) throws InterruptedException {
		Await.until(() -> metric("vaas_agents_waiting") >= count, count + " long-polls waiting");
	}

	private static double metric(String name) {
		var metrics = api.call("GET", "/actuator/prometheus").send().expect(200).body();
		var matcher = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? ([0-9.eE+-]+)").matcher(metrics);
		return matcher.find() ? Double.parseDouble(matcher.group(1)) : -1;
	}

}
