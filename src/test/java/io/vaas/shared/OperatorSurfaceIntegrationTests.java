package io.vaas.shared;

import java.nio.file.Files;
import java.nio.file.Path;

import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Swagger UI, the OpenAPI document and its committed copy, health probes and metrics. */
@PostgresIntegrationTest
class OperatorSurfaceIntegrationTests {

	static final Path COMMITTED = Path.of("openapi/openapi.json");

	@LocalServerPort
	int port;

	Api api;

	@BeforeEach
	void setUp() {
		api = new Api(port);
	}

	/**
	 * Fails when the served document drifts from {@code openapi/openapi.json}. To accept
	 * a change, run {@code ./mvnw verify -Dvaas.openapi.write=true} and commit the file.
	 */
	@Test
	void servesTheCommittedOpenApiDocument() throws Exception {
		var served = api.call("GET", "/v3/api-docs").send().expect(200).json();
		var pretty = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(served)
				+ "\n";
		if (Boolean.getBoolean("vaas.openapi.write")) {
			Files.writeString(COMMITTED, pretty);
		}
		if (!Files.exists(COMMITTED)) {
			fail("openapi/openapi.json is missing; run ./mvnw verify -Dvaas.openapi.write=true and commit it");
		}
		Files.writeString(Path.of("target/openapi-served.json"), pretty);
		assertThat(served)
			.as("the served OpenAPI document differs from openapi/openapi.json (served copy in "
					+ "target/openapi-served.json); run ./mvnw verify -Dvaas.openapi.write=true and commit it")
			.isEqualTo(Api.parse(Files.readString(COMMITTED)));
	}

	@Test
	void documentsTheBearerSchemeAndTheApi() {
		var doc = api.call("GET", "/v3/api-docs").send().expect(200).json();
		assertThat(doc.get("components").get("securitySchemes").get("bearer").get("scheme").asString())
			.isEqualTo("bearer");
		assertThat(doc.get("paths").has("/api/v1/namespaces/{ns}/configs/{name}")).isTrue();
		assertThat(doc.get("paths").has("/api/v1/tokens")).isTrue();
	}

	@Test
	void servesSwaggerUiWithoutAToken() {
		var redirect = api.call("GET", "/swagger-ui.html").send();
		assertThat(redirect.status()).isIn(200, 302);
		var page = api.call("GET", "/swagger-ui/index.html").send().expect(200);
		assertThat(page.body()).contains("swagger-ui");
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
