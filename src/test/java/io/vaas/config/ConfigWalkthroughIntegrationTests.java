package io.vaas.config;

import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/** The README's walk-through, call for call, on PostgreSQL. */
@PostgresIntegrationTest
class ConfigWalkthroughIntegrationTests {

	@LocalServerPort
	int port;

	Api api;

	@BeforeEach
	void setUp() {
		api = new Api(port);
	}

	@Test
	void walksFromBootstrapTokenThroughVersionsDiffAndRollback() {
		var ns = Api.unique("walk");
		var config = "/api/v1/namespaces/" + ns + "/configs/mariadb";

		var created = api.put("/api/v1/namespaces/" + ns, ADMIN_TOKEN, "").expect(201).json();
		assertThat(created.get("name").asString()).isEqualTo(ns);
		assertThat(created.get("createdBy").asString()).isEqualTo("bootstrap-admin");
		api.put("/api/v1/namespaces/" + ns, ADMIN_TOKEN, "").expect(200);
		assertThat(api.get("/api/v1/namespaces", ADMIN_TOKEN).expect(200).body()).contains("\"" + ns + "\"");

		var v1 = api.put(config, ADMIN_TOKEN, """
				{"data":{"port":3306,"db":{"name":"shop"}},"comment":"first"}""").expect(201);
		assertThat(v1.json().get("version").asLong()).isEqualTo(1);
		assertThat(v1.header("ETag")).isEqualTo("\"1\"");

		var v2 = api.call("PUT", config)
			.token(ADMIN_TOKEN)
			.header("If-Match", "\"1\"")
			.json("""
					{"data":{"port":3307,"db":{"name":"shop","pool":5}},"comment":"more connections"}""")
			.send()
			.expect(200);
		assertThat(v2.json().get("version").asLong()).isEqualTo(2);

		var same = api.put(config, ADMIN_TOKEN, """
				{"data":{"db":{"pool":5,"name":"shop"},"port":3307},"comment":"no change"}""").expect(200).json();
		assertThat(same.get("version").asLong()).as("identical content creates no version").isEqualTo(2);
		assertThat(same.get("changed").asBoolean()).isFalse();

		var latest = api.get(config, ADMIN_TOKEN).expect(200);
		assertThat(latest.header("ETag")).isEqualTo("\"2\"");
		assertThat(latest.json().get("data").get("port").asInt()).isEqualTo(3307);
		assertThat(latest.json().get("author").asString()).isEqualTo("bootstrap-admin");
		assertThat(latest.json().get("comment").asString()).isEqualTo("more connections");

		var diff = api.get(config + "/diff?from=1&to=2", ADMIN_TOKEN).expect(200).json();
		assertThat(diff.get("changes").toString())
			.contains("\"change\":\"changed\",\"path\":\"/port\",\"oldValue\":3306,\"newValue\":3307")
			.contains("\"change\":\"added\",\"path\":\"/db/pool\",\"newValue\":5");
		assertThat(diff.get("patch").toString()).contains("{\"op\":\"replace\",\"path\":\"/port\",\"value\":3307}")
			.contains("{\"op\":\"add\",\"path\":\"/db/pool\",\"value\":5}");

		var rolledBack = api.post(config + "/rollback", ADMIN_TOKEN, "{\"version\":1}").expect(200).json();
		assertThat(rolledBack.get("version").asLong()).as("rollback is a new version").isEqualTo(3);
		var v3 = api.get(config, ADMIN_TOKEN).expect(200).json();
		assertThat(v3.get("data"))
			.isEqualTo(api.get(config + "/versions/1", ADMIN_TOKEN).expect(200).json().get("data"));
		assertThat(v3.get("comment").asString()).isEqualTo("Rollback to version 1");

		var history = api.get(config + "/versions", ADMIN_TOKEN).expect(200).json();
		assertThat(history.size()).isEqualTo(3);
		assertThat(history.get(0).get("version").asLong()).isEqualTo(1);
		assertThat(history.get(0).get("comment").asString()).isEqualTo("first");
		assertThat(history.get(2).get("author").asString()).isEqualTo("bootstrap-admin");

		var listed = api.get("/api/v1/namespaces/" + ns + "/configs", ADMIN_TOKEN).expect(200).json();
		assertThat(listed.get(0).get("name").asString()).isEqualTo("mariadb");
		assertThat(listed.get(0).get("latestVersion").asLong()).isEqualTo(3);
	}

	@Test
	void refusesAStaleIfMatchAndReportsTheCurrentVersion() {
		var ns = Api.unique("stale");
		api.namespace(ns);
		var config = "/api/v1/namespaces/" + ns + "/configs/app";
		api.put(config, ADMIN_TOKEN, "{\"data\":{\"a\":1}}").expect(201);
		api.put(config, ADMIN_TOKEN, "{\"data\":{\"a\":2}}").expect(200);

		var stale = api.call("PUT", config)
			.token(ADMIN_TOKEN)
			.header("If-Match", "\"1\"")
			.json("{\"data\":{\"a\":3}}")
			.send();
		stale.expectProblem(412, "version-conflict");
		assertThat(stale.header("ETag")).isEqualTo("\"2\"");
		assertThat(stale.json().get("currentVersion").asLong()).isEqualTo(2);
		assertThat(api.get(config, ADMIN_TOKEN).json().get("data").get("a").asInt()).as("nothing written").isEqualTo(2);

		api.call("PUT", config)
			.token(ADMIN_TOKEN)
			.header("If-None-Match", "*")
			.json("{\"data\":{\"a\":9}}")
			.send()
			.expectProblem(412, "version-conflict");
		api.call("PUT", "/api/v1/namespaces/" + ns + "/configs/fresh")
			.token(ADMIN_TOKEN)
			.header("If-Match", "\"1\"")
			.json("{\"data\":{\"a\":9}}")
			.send()
			.expectProblem(412, "version-conflict");
		api.call("POST", config + "/rollback")
			.token(ADMIN_TOKEN)
			.header("If-Match", "\"1\"")
			.json("{\"version\":1}")
			.send()
			.expectProblem(412, "version-conflict");
		assertThat(api.get(config + "/versions", ADMIN_TOKEN).json().size()).isEqualTo(2);
	}

	@Test
	void refusesArraysNullsAndNonObjectsNamingTheKey() {
		var ns = Api.unique("shape");
		api.namespace(ns);
		var config = "/api/v1/namespaces/" + ns + "/configs/app";
		var reply = api.put(config, ADMIN_TOKEN, "{\"data\":{\"db\":{\"hosts\":[\"a\",\"b\"]}}}")
			.expectProblem(422, "invalid-config");
		assertThat(reply.json().get("detail").asString()).contains("data.db.hosts");
		api.put(config, ADMIN_TOKEN, "{\"data\":{\"a\":null}}").expectProblem(422, "invalid-config");
		api.put(config, ADMIN_TOKEN, "{\"data\":\"text\"}").expectProblem(422, "invalid-config");
		api.put(config, ADMIN_TOKEN, "{\"comment\":\"no data\"}").expectProblem(422, "invalid-config");
		api.get(config, ADMIN_TOKEN).expectProblem(404, "config-not-found");
	}

	@Test
	void answersMissingNamespacesVersionsAndConfigsWith404() {
		var ns = Api.unique("missing");
		api.put("/api/v1/namespaces/" + ns + "/configs/app", ADMIN_TOKEN, "{\"data\":{}}")
			.expectProblem(404, "namespace-not-found");
		api.namespace(ns);
		api.put("/api/v1/namespaces/" + ns + "/configs/app", ADMIN_TOKEN, "{\"data\":{\"a\":\"b\"}}").expect(201);
		api.get("/api/v1/namespaces/" + ns + "/configs/app/versions/7", ADMIN_TOKEN)
			.expectProblem(404, "config-version-not-found");
		api.get("/api/v1/namespaces/" + ns + "/configs/app/diff?from=1&to=7", ADMIN_TOKEN)
			.expectProblem(404, "config-version-not-found");
		api.post("/api/v1/namespaces/" + ns + "/configs/app/rollback", ADMIN_TOKEN, "{\"version\":7}")
			.expectProblem(404, "config-version-not-found");
		api.post("/api/v1/namespaces/" + ns + "/configs/app/rollback", ADMIN_TOKEN, "{}")
			.expectProblem(422, "invalid-config");
		api.post("/api/v1/namespaces/" + ns + "/configs/other/rollback", ADMIN_TOKEN, "{\"version\":1}")
			.expectProblem(404, "config-not-found");
	}

}
