package io.vaas.console;

import java.util.ArrayList;
import java.util.Locale;

import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator document's examples, sent unchanged over HTTP in the catalogue's order
 * (the walk-through's): every request body example of every operation succeeds, and so
 * does every read with its path parameters' walk-through values, each with a status the
 * document lists. Operations that delete or rotate, or need an id only a response gives,
 * are left out. The agent group's examples carry made-up credentials and are not sent.
 */
@PostgresIntegrationTest
class ConsoleWalkThroughIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void theOperatorExamplesWorkAsTheyAreInWalkThroughOrder() {
		var api = new Api(port);
		var document = api.call("GET", "/v3/api-docs/operator").send().expect(200).json();
		var sent = new ArrayList<String>();
		for (var entry : CatalogueTests.CATALOGUE.operations().values()) {
			var method = entry.key().substring(0, entry.key().indexOf(' '));
			var template = entry.key().substring(method.length() + 1);
			var operation = document.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
			if (operation.isMissingNode() || method.equals("DELETE") || template.contains("{id}")
					|| template.startsWith("/api/v1/keys/") || template.equals("/api/v1/keys/rotate")) {
				continue;
			}
			var path = path(template, operation);
			if (entry.requests().isEmpty()) {
				send(api, method, path, null, operation, sent);
				continue;
			}
			for (var example : entry.requests().values()) {
				send(api, method, path, JsonMapper.builder().build().writeValueAsString(example.getValue()), operation,
						sent);
			}
		}
		assertThat(sent).as("the walk-through's six steps were sent")
			.contains("PUT /api/v1/namespaces/shop", "PUT /api/v1/namespaces/shop/configs/web",
					"PUT /api/v1/namespaces/shop/secrets/db-password", "PUT /api/v1/namespaces/shop/bundles/web",
					"POST /api/v1/namespaces/shop/bundles/web/seeds");
		// The preview has no body: it is read after the bundle like any other call.
		var preview = api.post("/api/v1/namespaces/shop/bundles/web/preview", ADMIN_TOKEN, "").expect(200).json();
		assertThat(preview.get("files").valueStream().filter(file -> file.get("redacted").asBoolean())).isNotEmpty()
			.allSatisfy(file -> assertThat(file.has("size") || file.has("content") || file.has("sha256"))
				.as("a redacted file gives no size, content or hash: " + file)
				.isFalse());
		// Revisions carry the digest their files rendered to when saved: nothing changed
		// since, so it is the preview's.
		var revisions = api.get("/api/v1/namespaces/shop/bundles/web/revisions", ADMIN_TOKEN).expect(200).json();
		assertThat(revisions.get(revisions.size() - 1).get("digest").asString())
			.isEqualTo(preview.get("digest").asString());
	}

	/**
	 * The path with its parameters' walk-through values, and query parameters that have
	 * one.
	 */
	private static String path(String template, JsonNode operation) {
		var path = template;
		var query = new StringBuilder();
		for (var parameter : operation.path("parameters")) {
			var name = parameter.get("name").asString();
			var example = parameter.path("example");
			if (parameter.get("in").asString().equals("path")) {
				assertThat(example.isMissingNode()).as(template + " {" + name + "} has a walk-through value").isFalse();
				path = path.replace("{" + name + "}", example.asString());
			}
			else if (parameter.get("in").asString().equals("query") && !example.isMissingNode()) {
				query.append(query.isEmpty() ? '?' : '&').append(name).append('=').append(example.asString());
			}
		}
		return path + query;
	}

	private static void send(Api api, String method, String path, @Nullable String json, JsonNode operation,
			ArrayList<String> sent) {
		var call = api.call(method, path).token(ADMIN_TOKEN);
		if (json != null) {
			call.json(json);
		}
		var reply = call.send();
		assertThat(reply.status()).as(method + " " + path + " answered " + reply.body()).isBetween(200, 299);
		assertThat(operation.get("responses").has(String.valueOf(reply.status())))
			.as(method + " " + path + " answered " + reply.status() + ", which the document lists")
			.isTrue();
		sent.add(method + " " + path);
	}

}
