package io.vaas;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document behind Swagger UI: one bearer scheme so "Authorize" takes an operator
 * token, and a relative server URL so the document is the same wherever the server runs (the
 * committed copy in {@code openapi/} is compared with it by a test).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String BEARER = "bearer";

	@Bean
	OpenAPI vaasOpenApi() {
		return new OpenAPI()
			.info(new Info().title("vaas")
				.version("v1")
				.description("Volume as a Service: versioned configuration and encrypted secrets, "
						+ "delivered as files into /con volumes. Authorize with an operator token (vaas_op_…)."))
			.servers(List.of(new Server().url("/")))
			.components(new Components().addSecuritySchemes(BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.description("An operator token, e.g. the bootstrap admin token")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER));
	}

}
