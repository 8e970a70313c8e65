package io.vaas.keys;

import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

@PostgresIntegrationTest
class KeyRotationIntegrationTests {

	static final int SECRETS = 60;

	static final int READERS = 4;

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	Api api;

	String ns;

	@BeforeEach
	void setUp() {
		api = new Api(port);
		ns = Api.unique("rot");
		api.namespace(ns);
	}

	@Test
	void rotatesAndRewrapsEveryDataKeyWhileReadsGoOn() throws Exception {
		for (int i = 0; i < SECRETS; i++) {
			api.put("/api/v1/namespaces/" + ns + "/secrets/s" + i, ADMIN_TOKEN, "{\"value\":\"value-" + i + "\"}")
				.expect(201);
		}
		var before = primary();
		assertThat(before.get("wrappedDataKeys").asLong()).isGreaterThanOrEqualTo(SECRETS);

		var stop = new AtomicBoolean();
		var reads = new AtomicInteger();
		var failures = new ConcurrentLinkedQueue<String>();
		try (var pool = Executors.newFixedThreadPool(READERS)) {
			var readers = new ArrayList<java.util.concurrent.Future<?>>();
			for (int r = 0; r < READERS; r++) {
				int offset = r;
				readers.add(pool.submit(() -> {
					int i = offset;
					while (!stop.get()) {
						var n = i++ % SECRETS;
						var reply = api.call("POST", "/api/v1/namespaces/" + ns + "/secrets/s" + n + "/reveal")
							.token(ADMIN_TOKEN)
							.send();
						if (reply.status() != 200 || !reply.json().get("value").asString().equals("value-" + n)) {
							failures.add(reply.status() + " " + reply.body());
						}
						reads.incrementAndGet();
					}
				}));
			}
			JsonNode rotation;
			try {
				// Reads under way before the rotation starts and after it ends, however
				// slowly the readers get going.
				awaitReads(reads, READERS);
				rotation = api.call("POST", "/api/v1/keys/rotate?batchSize=5")
					.token(ADMIN_TOKEN)
					.send()
					.expect(200)
					.json();
				awaitReads(reads, reads.get() + READERS);
			}
			finally {
				stop.set(true);
			}
			for (var reader : readers) {
				reader.get();
			}
			assertThat(rotation.get("rewrapped").asLong()).isGreaterThanOrEqualTo(SECRETS);
			assertThat(rotation.get("remaining").asLong()).isZero();
			assertThat(rotation.get("primary").asString()).isNotEqualTo(before.get("id").asString());
		}
		assertThat(failures).as("reads during rotation").isEmpty();
		assertThat(reads.get()).isGreaterThan(READERS);

		var keys = api.get("/api/v1/keys", ADMIN_TOKEN).expect(200).json();
		var old = find(keys, before.get("id").asString());
		assertThat(old.get("status").asString()).isEqualTo("retired");
		assertThat(old.get("wrappedDataKeys").asLong()).isZero();
		assertThat(primary().get("wrappedDataKeys").asLong()).isGreaterThanOrEqualTo(SECRETS);
		assertThat(jdbc.queryForObject("select count(*) from secret_versions where kek_id = ?::uuid", Long.class,
				before.get("id").asString()))
			.isZero();

		for (int i = 0; i < SECRETS; i += 7) {
			assertThat(api.call("POST", "/api/v1/namespaces/" + ns + "/secrets/s" + i + "/reveal")
				.token(ADMIN_TOKEN)
				.send()
				.expect(200)
				.json()
				.get("value")
				.asString()).isEqualTo("value-" + i);
		}
		api.delete("/api/v1/keys/" + before.get("id").asString(), ADMIN_TOKEN).expect(204);
		assertThat(find(api.get("/api/v1/keys", ADMIN_TOKEN).json(), before.get("id").asString())).isNull();
	}

	private static void awaitReads(AtomicInteger reads, int atLeast) throws InterruptedException {
		var deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
		while (reads.get() < atLeast) {
			assertThat(System.nanoTime()).as("%d reads within 30 s", atLeast).isLessThan(deadline);
			Thread.sleep(10);
		}
	}

	@Test
	void removesOnlyRetiredKeysThatWrapNothing() {
		api.call("POST", "/api/v1/keys/rotate").token(ADMIN_TOKEN).send().expect(200);
		var current = primary().get("id").asString();
		api.delete("/api/v1/keys/" + current, ADMIN_TOKEN).expectProblem(409, "key-in-use");

		api.call("POST", "/api/v1/keys/rotate").token(ADMIN_TOKEN).send().expect(200);
		// A data key left behind under the retired key (as after an interrupted
		// rotation).
		api.put("/api/v1/namespaces/" + ns + "/secrets/left", ADMIN_TOKEN, "{\"value\":\"x\"}").expect(201);
		jdbc.update("update secret_versions set kek_id = ?::uuid where secret_id = (select id from secrets where "
				+ "namespace = ? and name = 'left')", current, ns);
		var refused = api.delete("/api/v1/keys/" + current, ADMIN_TOKEN).expectProblem(409, "key-in-use");
		assertThat(refused.json().get("detail").asString()).contains("1 data keys");
		jdbc.update("delete from secret_versions where secret_id = (select id from secrets where namespace = ? and "
				+ "name = 'left')", ns);
		api.delete("/api/v1/keys/" + current, ADMIN_TOKEN).expect(204);
		api.delete("/api/v1/keys/" + UUID.randomUUID(), ADMIN_TOKEN).expectProblem(404, "key-not-found");
	}

	@Test
	void keepsKeyOperationsForTheSuperuser() {
		var nsAdmin = api.token(ns, "admin");
		api.get("/api/v1/keys", nsAdmin).expectProblem(403, "forbidden");
		api.call("POST", "/api/v1/keys/rotate").token(nsAdmin).send().expectProblem(403, "forbidden");
		api.call("POST", "/api/v1/keys/rotate?batchSize=0")
			.token(ADMIN_TOKEN)
			.send()
			.expectProblem(422, "validation-failed");
	}

	private JsonNode primary() {
		for (var key : api.get("/api/v1/keys", ADMIN_TOKEN).expect(200).json()) {
			if (key.get("status").asString().equals("primary")) {
				return key;
			}
		}
		throw new AssertionError("no primary key");
	}

	private static JsonNode find(JsonNode keys, String id) {
		for (var key : keys) {
			if (key.get("id").asString().equals(id)) {
				return key;
			}
		}
		return null;
	}

}
