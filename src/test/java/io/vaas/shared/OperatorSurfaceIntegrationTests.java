package io.vaas.shared;

import java.nio.file.Files;
import java.nio.file.Path;

import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Swagger UI, the OpenAPI document and its committed copy, health probes and metrics. */
@PostgresIntegrationTest
class OperatorSurfaceIntegrationTests {

	static final Path COMMITTED = Path.of("openapi");

	@LocalServerPort
	int port;

	Api api;

	@BeforeEach
	void setUp() {
		api = new Api(port);
	}

	/**
	 * Fails when a served group document drifts from its copy in {@code openapi/}. To
	 * accept a change, run {@code ./mvnw verify -Dvaas.openapi.write=true} and commit the
	 * files.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "operator", "agent" })
	void servesTheCommittedOpenApiDocuments(String group) throws Exception {
		var served = api.call("GET", "/v3/api-docs/" + group).send().expect(200).json();
		var pretty = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(served)
				+ "\n";
		var committed = COMMITTED.resolve(group + ".json");
		if (Boolean.getBoolean("vaas.openapi.write")) {
			Files.writeString(committed, pretty);
		}
		if (!Files.exists(committed)) {
			fail(committed + " is missing; run ./mvnw verify -Dvaas.openapi.write=true and commit it");
		}
		Files.writeString(Path.of("target/openapi-" + group + "-served.json"), pretty);
		assertThat(served)
			.as("the served OpenAPI document differs from " + committed + " (served copy in target/openapi-" + group
					+ "-served.json); run ./mvnw verify -Dvaas.openapi.write=true and commit it")
			.isEqualTo(Api.parse(Files.readString(committed)));
	}

	@Test
	void documentsTheBearerSchemeTheGroupsAndTheWholeApi() {
		var config = api.call("GET", "/v3/api-docs/swagger-config").send().expect(200).json();
		assertThat(config.get("urls").valueStream().map(url -> url.get("url").asString()))
			.containsExactlyInAnyOrder("/v3/api-docs/operator", "/v3/api-docs/agent");
		assertThat(config.path("urls.primaryName").asString()).as(config.toString()).isEqualTo("vaas operator API");
		assertThat(config.get("deepLinking").asBoolean()).isTrue();
		assertThat(config.get("persistAuthorization").asBoolean())
			.as("off by default outside the embedded development setup")
			.isFalse();
		var operator = api.call("GET", "/v3/api-docs/operator").send().expect(200).json();
		assertThat(operator.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
		assertThat(operator.at("/info/description").asString()).doesNotContain("Development setup")
			.contains("](#/Namespaces/createNamespace)");
		assertThat(operator.get("paths").has("/api/v1/auth/token")).isFalse();
		var agent = api.call("GET", "/v3/api-docs/agent").send().expect(200).json();
		assertThat(agent.get("paths").propertyNames()).containsExactlyInAnyOrder("/api/v1/auth/token",
				"/api/v1/auth/renew", "/api/v1/agent/bundle", "/api/v1/agent/applied", "/api/v1/agent/session",
				"/.well-known/jwks.json");
		var whole = api.call("GET", "/v3/api-docs").send().expect(200).json();
		assertThat(whole.get("paths").size()).isEqualTo(operator.get("paths").size() + agent.get("paths").size());
	}

	@Test
	void servesSwaggerUiWithoutATokenWithTheTokenFieldMasked() {
		var redirect = api.call("GET", "/swagger-ui.html").send();
		assertThat(redirect.status()).isIn(200, 302);
		var page = api.call("GET", "/swagger-ui/index.html").send().expect(200);
		assertThat(page.body()).contains("swagger-ui");
		var initializer = api.call("GET", "/swagger-ui/swagger-initializer.js").send().expect(200).body();
		assertThat(initializer).contains("input.type = \"password\"").contains("parseDeepLinkHash");
	}

	@Test
	void servesProbesAndMetricsWithoutAToken() {
		assertThat(api.call("GET", "/actuator/health/liveness").send().expect(200).body()).contains("UP");
		assertThat(api.call("GET", "/actuator/health/readiness").send().expect(200).body()).contains("UP");
		var metrics = api.call("GET", "/actuator/prometheus").send().expect(200).body();
		assertThat(metrics).contains("jvm_memory_used_bytes").contains("http_server_requests");
		assertThat(metrics).doesNotContain(ADMIN_TOKEN);
	}

	@Test
	void keepsOtherActuatorEndpointsClosed() {
		api.call("GET", "/actuator/env").send().expectProblem(401, "unauthorized");
		api.get("/actuator/env", ADMIN_TOKEN).expectProblem(404, "not-found");
		api.get("/actuator/beans", ADMIN_TOKEN).expectProblem(404, "not-found");
	}

}
