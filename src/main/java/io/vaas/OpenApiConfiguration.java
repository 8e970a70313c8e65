package io.vaas;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.vaas.shared.NamespaceName;
import io.vaas.shared.ResourceName;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document behind Swagger UI: one bearer scheme so "Authorize" takes an
 * operator token, names documented as patterned strings, the problem responses every
 * operation can give, and a relative server URL so the document is the same wherever the
 * server runs (the committed copy in {@code openapi/} is compared with it by a test).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String BEARER = "bearer";

	static final String PROBLEM = "application/problem+json";

	static {
		var config = SpringDocUtils.getConfig();
		config.replaceWithSchema(NamespaceName.class, new StringSchema().pattern("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")
			.description("A namespace name: a DNS label"));
		config.replaceWithSchema(ResourceName.class, new StringSchema().pattern("^[a-z0-9]([a-z0-9_-]{0,61}[a-z0-9])?$")
			.description("A config, secret or bundle name"));
		config.replaceWithSchema(JsonNode.class, new ObjectSchema().description("A JSON value"));
		config.replaceWithSchema(ObjectNode.class, new ObjectSchema().description("A JSON object"));
	}

	@Bean
	OpenAPI vaasOpenApi() {
		return new OpenAPI()
			.info(new Info().title("vaas")
				.version("v1")
				.description("Volume as a Service: versioned configuration and encrypted secrets, "
						+ "delivered as files into /con volumes. Authorize with an operator token (vaas_op_…). "
						+ "Every error is an RFC 9457 problem (application/problem+json) whose type "
						+ "(urn:vaas:problem:…) is stable."))
			.servers(List.of(new Server().url("/")))
			.components(new Components().addSecuritySchemes(BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.description("An operator token, e.g. the bootstrap admin token")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER));
	}

	/**
	 * Adds the problem responses that any operation can give, so clients see them in the
	 * document.
	 */
	@Bean
	OpenApiCustomizer problemResponses() {
		return openApi -> {
			var problem = new Content().addMediaType(PROBLEM,
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/ProblemDetail")));
			openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
				var responses = operation.getResponses();
				Map<String, String> common = new java.util.LinkedHashMap<>();
				common.put("400", "Bad name, parameter or JSON");
				common.put("401", "Missing, unknown, expired or revoked token");
				common.put("403", "The token lacks the permission");
				common.put("404", "No such namespace or resource");
				if (method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.POST) {
					common.put("413", "Request body too large");
					common.put("415", "Body is not application/json");
					common.put("422", "Well-formed but invalid request");
				}
				if (operation.getParameters() != null
						&& operation.getParameters().stream().anyMatch(p -> "If-Match".equals(p.getName()))) {
					common.put("412", "If-Match or If-None-Match does not hold");
				}
				common.forEach((code, description) -> responses.putIfAbsent(code,
						new ApiResponse().description(description).content(problem)));
			}));
		};
	}

}
