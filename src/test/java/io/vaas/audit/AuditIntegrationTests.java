package io.vaas.audit;

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
class AuditIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	Api api;

	String ns;

	@BeforeEach
	void setUp() {
		api = new Api(port);
		ns = Api.unique("aud");
		api.namespace(ns);
	}

	@Test
	void recordsChangesRevealsDestructionAndRefusals() {
		var base = "/api/v1/namespaces/" + ns;
		api.put(base + "/configs/app", ADMIN_TOKEN, "{\"data\":{\"a\":1}}").expect(201);
		api.call("PUT", base + "/configs/app")
			.token(ADMIN_TOKEN)
			.header("If-Match", "\"9\"")
			.json("{\"data\":{\"a\":2}}")
			.send()
			.expect(412);
		api.put(base + "/secrets/pw", ADMIN_TOKEN, "{\"value\":\"audit-secret-value\"}").expect(201);
		api.call("POST", base + "/secrets/pw/reveal").token(ADMIN_TOKEN).send().expect(200);
		api.delete(base + "/secrets/pw/versions/1", ADMIN_TOKEN).expect(204);
		api.call("POST", base + "/secrets/pw/reveal").token(ADMIN_TOKEN).send().expect(410);
		var viewer = api.token(ns, "viewer");
		api.put(base + "/configs/app", viewer, "{\"data\":{\"a\":3}}").expect(403);
		api.call("POST", base + "/secrets/pw/reveal").token(viewer).send().expect(403);

		var events = api.get("/api/v1/audit?namespace=" + ns + "&size=100", ADMIN_TOKEN).expect(200);
		assertThat(events.body()).doesNotContain("audit-secret-value");
		var list = events.json().get("events");
		assertThat(actions(list)).containsSubsequence("access.denied", "access.denied", "secret.reveal",
				"secret.destroy", "secret.reveal", "secret.write", "config.write", "namespace.create");
		assertThat(events.json().get("totalEvents").asLong()).isEqualTo(list.size());

		var write = first(list, "config.write");
		assertThat(write.get("actorName").asString()).isEqualTo("bootstrap-admin");
		assertThat(write.get("resource").asString()).isEqualTo("app");
		assertThat(write.get("version").asLong()).isEqualTo(1);
		assertThat(write.get("outcome").asString()).isEqualTo("success");
		assertThat(write.get("clientAddress").asString()).isEqualTo("127.0.0.1");
		assertThat(write.get("occurredAt").asString()).isNotBlank();
		assertThat(list.toString()).as("the 412 wrote nothing, so it recorded nothing").doesNotContain("\"version\":2");

		var failedReveal = list.get(2);
		assertThat(failedReveal.get("action").asString()).isEqualTo("secret.reveal");
		assertThat(failedReveal.get("outcome").asString()).isEqualTo("failed");
		var denied = first(list, "access.denied");
		assertThat(denied.get("outcome").asString()).isEqualTo("denied");
		assertThat(denied.get("detail").asString()).contains("reveal-secret");

		var unauthenticated = api.get("/api/v1/audit?outcome=unauthenticated&size=5", ADMIN_TOKEN).expect(200);
		api.call("GET", base + "/configs/app").header("Authorization", "Bearer wrong-token-" + ns).send().expect(401);
		var expected = unauthenticated.json().get("totalEvents").asLong() + 1;
		var after = api.audit("outcome=unauthenticated&size=5", page -> page.get("totalEvents").asLong() >= expected);
		assertThat(after.get("totalEvents").asLong()).isEqualTo(expected);
		assertThat(after.toString()).doesNotContain("wrong-token-");
	}

	@Test
	void filtersAndPages() {
		var base = "/api/v1/namespaces/" + ns;
		for (int i = 0; i < 5; i++) {
			api.put(base + "/configs/c", ADMIN_TOKEN, "{\"data\":{\"i\":" + i + "}}");
		}
		var page0 = api.get("/api/v1/audit?namespace=" + ns + "&action=config.write&size=2", ADMIN_TOKEN)
			.expect(200)
			.json();
		assertThat(page0.get("totalEvents").asLong()).isEqualTo(5);
		assertThat(page0.get("totalPages").asInt()).isEqualTo(3);
		assertThat(page0.get("events").get(0).get("version").asLong()).isEqualTo(5);
		var page2 = api.get("/api/v1/audit?namespace=" + ns + "&action=config.write&size=2&page=2", ADMIN_TOKEN).json();
		assertThat(page2.get("events").size()).isEqualTo(1);
		assertThat(page2.get("events").get(0).get("version").asLong()).isEqualTo(1);
		api.get("/api/v1/audit?size=1000", ADMIN_TOKEN).expectProblem(422, "validation-failed");

		var nsAdmin = api.token(ns, "admin");
		api.get("/api/v1/audit?namespace=" + ns, nsAdmin).expect(200);
		api.get("/api/v1/audit", nsAdmin).expectProblem(403, "forbidden");
		api.get("/api/v1/audit?namespace=" + ns, api.token(ns, "viewer")).expectProblem(403, "forbidden");
	}

	/**
	 * Unfiltered pages are read as ranges below the chain's head; a filter that every
	 * event matches takes the counting path. Both give the same pages, totals and the
	 * empty page past the end.
	 */
	@Test
	void pagesWithoutAFilterAsWithOneThatMatchesEverything() {
		for (int i = 0; i < 7; i++) {
			api.put("/api/v1/namespaces/" + ns + "/configs/p", ADMIN_TOKEN, "{\"data\":{\"i\":" + i + "}}");
		}
		var first = api.get("/api/v1/audit?size=3", ADMIN_TOKEN).expect(200).json();
		var pages = first.get("totalPages").asInt();
		assertThat(first.get("totalEvents").asLong()).isGreaterThanOrEqualTo(7);
		long previous = Long.MAX_VALUE;
		for (int page : new java.util.TreeSet<>(java.util.List.of(0, 1, 2, pages / 2, pages - 1, pages))) {
			var plain = api.get("/api/v1/audit?size=3&page=" + page, ADMIN_TOKEN).expect(200).json();
			var counted = api.get("/api/v1/audit?size=3&since=2000-01-01T00:00:00Z&page=" + page, ADMIN_TOKEN)
				.expect(200)
				.json();
			assertThat(plain.toString()).isEqualTo(counted.toString());
			assertThat(plain.get("events").size()).isEqualTo(page == pages ? 0
					: page == pages - 1 ? (int) (plain.get("totalEvents").asLong() - 3L * (pages - 1)) : 3);
			for (var event : plain.get("events")) {
				assertThat(event.get("seq").asLong()).isLessThan(previous);
				previous = event.get("seq").asLong();
			}
		}
	}

	@Test
	void detectsAnEditedEventAtThatEvent() {
		api.put("/api/v1/namespaces/" + ns + "/configs/x", ADMIN_TOKEN, "{\"data\":{\"a\":1}}").expect(201);
		var intact = api.call("POST", "/api/v1/audit/verify").token(ADMIN_TOKEN).send().expect(200).json();
		assertThat(intact.get("intact").asBoolean()).as(intact.toString()).isTrue();
		assertThat(intact.get("events").asLong()).isPositive();

		var seq = jdbc.queryForObject(
				"select max(seq) from audit_events where namespace = ? and action = 'config.write'", Long.class, ns);
		var original = jdbc.queryForObject("select actor_name from audit_events where seq = ?", String.class, seq);
		try {
			jdbc.update("update audit_events set actor_name = 'someone-else' where seq = ?", seq);
			var broken = api.call("POST", "/api/v1/audit/verify").token(ADMIN_TOKEN).send().expect(200).json();
			assertThat(broken.get("intact").asBoolean()).isFalse();
			assertThat(broken.get("brokenAt").asLong()).isEqualTo(seq);
			assertThat(broken.get("problem").asString()).contains("content");
		}
		finally {
			jdbc.update("update audit_events set actor_name = ? where seq = ?", original, seq);
		}

		var hash = jdbc.queryForObject("select hash from audit_events where seq = ?", byte[].class, seq);
		try {
			var forged = hash.clone();
			forged[0] ^= 1;
			jdbc.update("update audit_events set hash = ? where seq = ?", forged, seq);
			var broken = api.call("POST", "/api/v1/audit/verify").token(ADMIN_TOKEN).send().expect(200).json();
			assertThat(broken.get("intact").asBoolean()).isFalse();
			assertThat(broken.get("brokenAt").asLong()).isEqualTo(seq);
		}
		finally {
			jdbc.update("update audit_events set hash = ? where seq = ?", hash, seq);
		}
		assertThat(api.call("POST", "/api/v1/audit/verify").token(ADMIN_TOKEN).send().json().get("intact").asBoolean())
			.isTrue();
		api.call("POST", "/api/v1/audit/verify").token(api.token(ns, "admin")).send().expectProblem(403, "forbidden");
	}

	private static java.util.List<String> actions(JsonNode events) {
		var out = new java.util.ArrayList<String>();
		events.forEach(event -> out.add(event.get("action").asString()));
		return out;
	}

	private static JsonNode first(JsonNode events, String action) {
		for (var event : events) {
			if (event.get("action").asString().equals(action)) {
				return event;
			}
		}
		throw new AssertionError("no " + action + " in " + events);
	}

}
