package io.vaas.shared;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error path answers RFC 9457 problem details with a stable type, never a stack
 * trace.
 */
@PostgresIntegrationTest
class ProblemDetailsIntegrationTests {

	@LocalServerPort
	int port;

	Api api;

	String config;

	@BeforeEach
	void setUp() {
		api = new Api(port);
		var ns = Api.unique("errors");
		api.namespace(ns);
		config = "/api/v1/namespaces/" + ns + "/configs/app";
	}

	@Test
	void answersBadNamesWith400() {
		api.get("/api/v1/namespaces/Not_A_Label", ADMIN_TOKEN).expectProblem(400, "invalid-name");
		api.get("/api/v1/namespaces/" + "a".repeat(64), ADMIN_TOKEN).expectProblem(400, "invalid-name");
		api.put("/api/v1/namespaces/ok/configs/-bad", ADMIN_TOKEN, "{\"data\":{}}").expectProblem(400, "invalid-name");
		var reply = api.put(config.replace("/app", "/UPPER"), ADMIN_TOKEN, "{\"data\":{}}")
			.expectProblem(400, "invalid-name");
		assertThat(reply.json().get("detail").asString()).doesNotContain("UPPER");
	}

	@Test
	void answersBadJsonAndParametersWith400() {
		api.put(config, ADMIN_TOKEN, "{\"data\":{\"a\":").expectProblem(400, "malformed-request");
		api.put(config, ADMIN_TOKEN, "{\"data\":{},\"extra\":1}").expectProblem(400, "malformed-request");
		api.call("PUT", config)
			.token(ADMIN_TOKEN)
			.header("Content-Type", "application/json")
			.send()
			.expectProblem(400, "malformed-request");
		api.get(config + "/diff?from=one&to=2", ADMIN_TOKEN).expectProblem(400, "invalid-parameter");
		api.get(config + "/diff?to=2", ADMIN_TOKEN).expectProblem(400, "missing-parameter");
		// Timestamps and durations are ISO-8601 text, not numbers.
		var namespace = config.substring(0, config.indexOf("/configs/"));
		new io.vaas.support.Agents(api).bundle(namespace.substring(namespace.lastIndexOf('/') + 1), "app");
		api.post(namespace + "/bundles/app/seeds", ADMIN_TOKEN, "{\"ttl\":3600}")
			.expectProblem(400, "malformed-request");
		api.post(namespace + "/bundles/app/seeds", ADMIN_TOKEN, "{\"ttl\":\"PT1H\"}").expect(201);
		var badText = api.post(namespace + "/bundles/app/seeds", ADMIN_TOKEN, "{\"ttl\":\"one-marker-day\"}")
			.expectProblem(400, "malformed-request");
		assertThat(badText.body()).doesNotContain("one-marker-day").contains("ttl");
		api.post("/api/v1/tokens", ADMIN_TOKEN,
				"{\"name\":\"n\",\"roles\":[{\"namespace\":\"x\",\"role\":\"viewer\"}]," + "\"expiresAt\":12345}")
			.expectProblem(400, "malformed-request");
	}

	@Test
	void neverEchoesTheRejectedInput() {
		var marker = "s3cr3t-" + Api.unique("marker");
		assertThat(api.put(config, ADMIN_TOKEN, "{\"data\":{\"a\":\"" + marker + "\"").body()).doesNotContain(marker);
		assertThat(api.put(config, ADMIN_TOKEN, "{\"data\":{\"a\":[\"" + marker + "\"]}}").body())
			.doesNotContain(marker);
		assertThat(api.get(config + "/diff?from=" + marker + "&to=1", ADMIN_TOKEN).body()).doesNotContain(marker);
		assertThat(api.get(config, marker).body()).doesNotContain(marker);
	}

	@Test
	void answersUnknownPathsWith404WhenAuthenticatedAnd401Otherwise() {
		api.get("/api/v1/nothing-here", ADMIN_TOKEN).expectProblem(404, "not-found");
		api.get("/nothing/at/all", ADMIN_TOKEN).expectProblem(404, "not-found");
		api.call("GET", "/api/v1/nothing-here").send().expectProblem(401, "unauthorized");
	}

	@Test
	void answersWrongMethodMediaTypeAndAcceptWithTheirStatus() {
		api.delete("/api/v1/namespaces/x", ADMIN_TOKEN).expectProblem(405, "method-not-allowed");
		api.call("PUT", config)
			.token(ADMIN_TOKEN)
			.body("text/plain", "data".getBytes())
			.send()
			.expectProblem(415, "unsupported-media-type");
		api.call("GET", "/api/v1/namespaces")
			.token(ADMIN_TOKEN)
			.header("Accept", "application/xml")
			.send()
			.expectProblem(406, "not-acceptable");
		for (var malformed : new String[] { "application/json;q=2", ";;;", "application/json;q=abc" }) {
			api.call("GET", "/api/v1/namespaces")
				.token(ADMIN_TOKEN)
				.header("Accept", malformed)
				.send()
				.expectProblem(406, "not-acceptable");
		}
	}

	@Test
	void answersOversizedBodiesWith413BeforeAndWhileReading() {
		var big = ("{\"data\":{\"a\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}}").getBytes(StandardCharsets.UTF_8);
		api.call("PUT", config)
			.token(ADMIN_TOKEN)
			.body("application/json", big)
			.send()
			.expectProblem(413, "request-too-large");
		var chunked = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big));
		api.call("PUT", config)
			.token(ADMIN_TOKEN)
			.publisher("application/json", chunked)
			.send()
			.expectProblem(413, "request-too-large");
		api.get(config, ADMIN_TOKEN).expectProblem(404, "config-not-found");

		var justUnder = ("{\"data\":{\"a\":\"" + "x".repeat(2 * 1024 * 1024 - 100) + "\"}}")
			.getBytes(StandardCharsets.UTF_8);
		api.call("PUT", config).token(ADMIN_TOKEN).body("application/json", justUnder).send().expect(201);
	}

	@Test
	void answersRequestsTheFirewallRejectsWithAProblem() {
		api.get("/api/v1/namespaces/%2e%2e/configs", ADMIN_TOKEN).expectProblem(400, "bad-request");
		api.get("/api//namespaces", ADMIN_TOKEN).expectProblem(400, "bad-request");
		api.get("/api/v1/namespaces;jsessionid=1", ADMIN_TOKEN).expectProblem(400, "bad-request");
		// Refused by Tomcat itself, before any servlet or filter.
		for (var path : new String[] { "/api/v1/namespaces/a%2Fb", "/api/v1/namespaces/a%5Cb",
				"/api/v1/namespaces/a%00b" }) {
			var refused = api.get(path, ADMIN_TOKEN).expectProblem(400, "bad-request");
			assertThat(refused.header("Content-Type")).as(path).isEqualTo("application/problem+json");
		}
		var longHeader = api.call("GET", "/api/v1/namespaces")
			.token(ADMIN_TOKEN)
			.header("X-Long", "x".repeat(20_000))
			.send();
		assertThat(longHeader.status()).isEqualTo(400);
		assertThat(longHeader.header("Content-Type")).isEqualTo("application/problem+json");
	}

	@Test
	void servesTheErrorPathItselfAsAProblem() {
		api.call("GET", "/error").send().expectProblem(404, "not-found");
	}

	@Test
	void refusesControlCharactersNonFiniteNumbersAndNullRoles() {
		api.put(config, ADMIN_TOKEN, "{\"data\":{\"a\":1},\"comment\":\"x\\u0000y\"}")
			.expectProblem(422, "validation-failed");
		api.put(config, ADMIN_TOKEN, "{\"data\":{\"a\":1e400}}").expectProblem(422, "invalid-config");
		api.post("/api/v1/tokens", ADMIN_TOKEN, "{\"name\":\"n\",\"roles\":[null]}")
			.expectProblem(422, "validation-failed");
		api.get("/api/v1/audit?actor=%00", ADMIN_TOKEN).expectProblem(422, "validation-failed");
		api.get("/api/v1/audit?page=5000000&size=500", ADMIN_TOKEN).expectProblem(422, "validation-failed");
		api.get(config, ADMIN_TOKEN).expectProblem(404, "config-not-found");
	}

	@Test
	void checksPermissionBeforeTheBody() {
		var ns = config.split("/")[4];
		var viewer = api.token(ns, "viewer");
		api.put(config, viewer, "{\"data\":[1]}").expectProblem(403, "forbidden");
		api.put(config.replace("/configs/", "/secrets/"), viewer, "{\"valueBase64\":\"%%%\"}")
			.expectProblem(403, "forbidden");
		api.post(config + "/rollback", viewer, "{}").expectProblem(403, "forbidden");
	}

}
