package io.vaas.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/** Twenty writers on one config at once, over real HTTP, on PostgreSQL. */
@PostgresIntegrationTest
class ConfigConcurrencyIntegrationTests {

	static final int WRITERS = 20;

	@LocalServerPort
	int port;

	Api api;

	String ns;

	@BeforeEach
	void setUp() {
		api = new Api(port);
		ns = Api.unique("race");
		api.namespace(ns);
	}

	@Test
	void letsExactlyOneOfTwentyWritersWithTheSameIfMatchWin() throws Exception {
		var config = "/api/v1/namespaces/" + ns + "/configs/app";
		api.put(config, ADMIN_TOKEN, "{\"data\":{\"writer\":\"none\"}}").expect(201);

		var statuses = race(i -> api.call("PUT", config)
			.token(ADMIN_TOKEN)
			.header("If-Match", "\"1\"")
			.json("{\"data\":{\"writer\":\"w" + i + "\"}}")
			.send()
			.status());

		assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
		assertThat(statuses).filteredOn(s -> s == 412).hasSize(WRITERS - 1);
		assertThat(api.get(config + "/versions", ADMIN_TOKEN).json().size()).isEqualTo(2);
	}

	@Test
	void letsExactlyOneOfTwentyCreatorsCreate() throws Exception {
		var config = "/api/v1/namespaces/" + ns + "/configs/fresh";
		var statuses = race(i -> api.call("PUT", config)
			.token(ADMIN_TOKEN)
			.header("If-None-Match", "*")
			.json("{\"data\":{\"writer\":\"w" + i + "\"}}")
			.send()
			.status());

		assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
		assertThat(statuses).filteredOn(s -> s == 412).hasSize(WRITERS - 1);
		assertThat(api.get(config + "/versions", ADMIN_TOKEN).json().size()).isEqualTo(1);
	}

	@Test
	void losesNoUpdateWhenTwentyWritersReadModifyWriteWithIfMatch() throws Exception {
		var config = "/api/v1/namespaces/" + ns + "/configs/counter";
		api.put(config, ADMIN_TOKEN, "{\"data\":{\"seed\":true}}").expect(201);

		var winners = race(i -> {
			// Read, add this writer's key, write with If-Match; on 412 read again and
			// retry.
			while (true) {
				var latest = api.get(config, ADMIN_TOKEN).expect(200);
				var data = (ObjectNode) latest.json().get("data");
				data.put("w" + i, i);
				var reply = api.call("PUT", config)
					.token(ADMIN_TOKEN)
					.header("If-Match", latest.header("ETag"))
					.json("{\"data\":" + data + ",\"comment\":\"w" + i + "\"}")
					.send();
				if (reply.status() == 200) {
					return (int) reply.json().get("version").asLong();
				}
				assertThat(reply.status()).as(reply.body()).isEqualTo(412);
			}
		});

		assertThat(new HashSet<>(winners)).as("one winner per version").hasSize(WRITERS);
		assertThat(winners).allMatch(v -> v >= 2 && v <= WRITERS + 1);
		var data = api.get(config, ADMIN_TOKEN).expect(200).json().get("data");
		for (int i = 0; i < WRITERS; i++) {
			assertThat(data.get("w" + i).asInt()).as("update of writer %d survived", i).isEqualTo(i);
		}
		var history = api.get(config + "/versions", ADMIN_TOKEN).json();
		assertThat(history.size()).isEqualTo(WRITERS + 1);
		for (int v = 0; v < history.size(); v++) {
			assertThat(history.get(v).get("version").asLong()).isEqualTo(v + 1);
		}
	}

	interface Writer {

		int write(int index) throws Exception;

	}

	private List<Integer> race(Writer writer) throws Exception {
		var start = new CountDownLatch(1);
		try (var pool = Executors.newFixedThreadPool(WRITERS)) {
			var futures = new ArrayList<Future<Integer>>();
			for (int i = 0; i < WRITERS; i++) {
				int index = i;
				Callable<Integer> task = () -> {
					start.await();
					return writer.write(index);
				};
				futures.add(pool.submit(task));
			}
			start.countDown();
			var results = new ArrayList<Integer>();
			for (var future : futures) {
				results.add(future.get());
			}
			return results;
		}
	}

}
