package io.vaas.console;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.vaas.shared.NamespaceName;
import io.vaas.shared.ResourceName;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.models.GroupedOpenApi;
import org.springdoc.core.properties.SwaggerUiConfigProperties;
import org.springdoc.core.utils.SpringDocUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The OpenAPI documents behind Swagger UI: an operator and an agent group (and the whole
 * API at {@code /v3/api-docs}), one bearer scheme so "Authorize" takes an operator token,
 * names documented as patterned strings, a relative server URL so a document is the same
 * wherever the server runs (the committed copies in {@code openapi/} are compared with
 * them by a test), and whether the page keeps the token across reloads.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleProperties.class)
class ConsoleConfiguration {

	static final String BEARER = "bearer";

	static {
		var config = SpringDocUtils.getConfig();
		config.replaceWithSchema(NamespaceName.class, new StringSchema().pattern("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")
			.description("A namespace name: a DNS label"));
		config.replaceWithSchema(ResourceName.class, new StringSchema().pattern("^[a-z0-9]([a-z0-9_-]{0,61}[a-z0-9])?$")
			.description("A config, secret or bundle name"));
		config.replaceWithSchema(JsonNode.class, new Schema<>().description("A JSON value"));
		config.replaceWithSchema(ObjectNode.class, new ObjectSchema().description("A JSON object"));
	}

	/** Whether the server runs on its embedded development database. */
	static boolean embedded(Environment environment) {
		return environment.getProperty("spring.datasource.url", "").startsWith("jdbc:h2:");
	}

	static ConsoleProperties console(Environment environment) {
		return Binder.get(environment)
			.bind("vaas.console", ConsoleProperties.class)
			.orElseGet(() -> new ConsoleProperties(null, null));
	}

	@Bean
	ConsoleDocuments consoleDocuments(Environment environment) {
		var configured = environment.getProperty("vaas.bootstrap.admin-token", "");
		return new ConsoleDocuments(Catalogue.readGroups(), Catalogue::read,
				new StartPage(embedded(environment), environment.getProperty("vaas.data-dir", "./data"),
						configured.isBlank()
								? environment.getProperty("vaas.bootstrap.token-file", "bootstrap-admin.token") : null,
						console(environment).persistAuthorization(embedded(environment))));
	}

	@Bean
	OpenAPI vaasOpenApi() {
		return new OpenAPI().servers(List.of(new Server().url("/")))
			.components(new Components().addSecuritySchemes(BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.description("An operator token (vaas_op_…), such as the bootstrap admin token; "
								+ "for the agent calls, the agent's access token")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER));
	}

	@Bean
	GroupedOpenApi operatorApi(ConsoleDocuments documents) {
		return group(documents, "operator");
	}

	@Bean
	GroupedOpenApi agentApi(ConsoleDocuments documents) {
		return group(documents, "agent");
	}

	private static GroupedOpenApi group(ConsoleDocuments documents, String name) {
		var group = documents.groups().get(name);
		return GroupedOpenApi.builder()
			.group(name)
			.displayName(group.title())
			.pathsToMatch(group.paths().toArray(String[]::new))
			.addOpenApiCustomizer(api -> documents.apply(api, group))
			.build();
	}

	/** The whole API at {@code /v3/api-docs}, for clients that want one document. */
	@Bean
	OpenApiCustomizer wholeApi(ConsoleDocuments documents) {
		return api -> documents.apply(api, null);
	}

	/**
	 * Opens the operator document first, and keeps the token across reloads
	 * ({@code localStorage}) only where {@code vaas.console.persist-authorization} says
	 * so, or by default on the embedded development setup.
	 */
	@Bean
	static BeanPostProcessor swaggerUiSettings(Environment environment, ObjectProvider<ConsoleDocuments> documents) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof SwaggerUiConfigProperties ui) {
					ui.setPersistAuthorization(console(environment).persistAuthorization(embedded(environment)));
					// Swagger UI opens the operator's document first (urls are named by
					// title).
					ui.setUrlsPrimaryName(documents.getObject().groups().get("operator").title());
				}
				return bean;
			}
		};
	}

}
