package io.vaas.console;

import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vaas.console.enabled=false}, as a production profile may set it: no Swagger UI,
 * while the OpenAPI documents stay for clients and generators.
 */
@PostgresIntegrationTest
@TestPropertySource(properties = "vaas.console.enabled=false")
class ConsoleSettingsIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void turnsSwaggerUiOffAndKeepsTheDocuments() {
		var api = new Api(port);
		assertThat(api.call("GET", "/swagger-ui/index.html").send().status()).isEqualTo(404);
		assertThat(api.call("GET", "/swagger-ui.html").send().status()).isEqualTo(404);
		api.call("GET", "/v3/api-docs/operator").send().expect(200);
	}

	@Test
	void keepsTheTokenAcrossReloadsOnlyOnTheEmbeddedDefaultUnlessSet() {
		assertThat(new ConsoleProperties(null, null).persistAuthorization(true)).isTrue();
		assertThat(new ConsoleProperties(null, null).persistAuthorization(false)).isFalse();
		assertThat(new ConsoleProperties(null, true).persistAuthorization(false)).isTrue();
		assertThat(new ConsoleProperties(null, false).persistAuthorization(true)).isFalse();
	}

}
