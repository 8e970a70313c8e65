package io.vaas.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.util.function.SingletonSupplier;

/**
 * Puts the {@link Catalogue} into a generated document: the group's title, start page and
 * tags in workflow order; each operation's id, tag, description, walk-through parameter
 * values and examples; the hand-written schemas; and the problem responses any operation
 * can give, each with an example of the problem+json shape.
 */
final class ConsoleDocuments {

	static final String PROBLEM = "application/problem+json";

	private final Map<String, Catalogue.Group> groups;

	private final Supplier<Catalogue> catalogue;

	private final StartPage start;

	/**
	 * @param groups the catalogue's groups, which the documents' beans need at start
	 * @param catalogue the whole catalogue, read when the first document is made
	 */
	ConsoleDocuments(Map<String, Catalogue.Group> groups, Supplier<Catalogue> catalogue, StartPage start) {
		this.groups = groups;
		this.catalogue = SingletonSupplier.of(catalogue);
		this.start = start;
	}

	Map<String, Catalogue.Group> groups() {
		return groups;
	}

	/**
	 * @param group the group's document, or null for the whole API
	 */
	void apply(OpenAPI api, Catalogue.@Nullable Group group) {
		var shown = group == null ? List.copyOf(groups.values()) : List.of(group);
		api.info(new Info().title(group == null ? "vaas API" : group.title())
			.version("v1")
			.description(start.markdown(shown)));
		var tags = new ArrayList<Tag>();
		shown.forEach(
				g -> g.tags().forEach((name, description) -> tags.add(new Tag().name(name).description(description))));
		api.tags(tags);
		var components = api.getComponents() == null ? new Components() : api.getComponents();
		api.components(components);
		catalogue.get().schemas().forEach((name, schema) -> {
			var dot = name.indexOf('.');
			if (dot < 0) {
				components.addSchemas(name, schema);
			}
			else if (components.getSchemas() != null && components.getSchemas().get(name.substring(0, dot)) != null) {
				// One member of a generated schema, such as a JSON value that is a list
				// of
				// file entries.
				components.getSchemas().get(name.substring(0, dot)).addProperty(name.substring(dot + 1), schema);
			}
		});
		catalogue.get().problems().forEach((status, example) -> components.addExamples("problem" + status, example));
		if (api.getPaths() == null) {
			return;
		}
		api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			var entry = catalogue.get().operation(method + " " + path);
			problemResponses(method, operation, entry);
			if (entry == null) {
				return; // CatalogueTests names it
			}
			operation.operationId(entry.id()).tags(List.of(entry.tag())).description(entry.description());
			if (entry.open()) {
				operation.security(List.of()); // no "Authorize" needed, no lock shown
			}
			if (operation.getParameters() != null) {
				for (var parameter : operation.getParameters()) {
					var value = entry.parameters().get(parameter.getName());
					if (value != null) {
						parameter.example(value);
					}
				}
			}
			if (operation.getRequestBody() != null && !entry.requests().isEmpty()) {
				operation.getRequestBody()
					.getContent()
					.forEach((type, media) -> media.examples(ordered(entry.requests())));
			}
			entry.responses().forEach((status, value) -> {
				var response = operation.getResponses().get(status);
				if (response != null && response.getContent() != null) {
					response.getContent().forEach((type, media) -> {
						if (!type.startsWith("application/x-tar")) {
							media.example(value);
						}
					});
				}
			});
		}));
	}

	/** The problems any operation can give, unless the operation documents its own. */
	private void problemResponses(PathItem.HttpMethod method, io.swagger.v3.oas.models.Operation operation,
			Catalogue.@Nullable Operation entry) {
		Map<String, String> common = new LinkedHashMap<>();
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
		var responses = operation.getResponses();
		if (entry != null && (entry.oauthErrors() || entry.open())) {
			// Refusals are RFC 6749 errors (400, or 401 for a bad access token), a body
			// past
			// the limit is still a problem; a call without a token is never a 401 or 403.
			var kept = new ArrayList<String>(entry.oauthErrors() ? List.of("400", "401", "413") : List.of());
			if (entry.open()) {
				kept.remove("401");
			}
			common.keySet().retainAll(kept);
			responses.keySet().removeIf(code -> code.startsWith("4") && !kept.contains(code));
		}
		common.forEach((code, description) -> responses.putIfAbsent(code, new ApiResponse().description(description)));
		if (entry != null) {
			entry.errors().forEach((code, example) -> responses.put(code, error(example)));
		}
		responses.forEach((code, response) -> {
			if (entry != null && entry.errors().containsKey(code)) {
				return;
			}
			if (entry != null && entry.oauthErrors() && code.equals("400")) {
				response.description("An RFC 6749 error")
					.content(new Content().addMediaType("application/json",
							new MediaType().schema(new Schema<>().$ref("#/components/schemas/OAuthError"))
								.example(entry.responses().get("400"))));
				return;
			}
			if (code.startsWith("4") && catalogue.get().problems().containsKey(code)) {
				response.content(new Content().addMediaType(PROBLEM, new MediaType()
					.schema(new Schema<>().$ref("#/components/schemas/ProblemDetail"))
					.examples(Map.of(exampleName(code), new Example().$ref("#/components/examples/problem" + code)))));
			}
		});
	}

	/**
	 * An error only this operation gives: a problem, or an RFC 6749 error (which has no
	 * {@code type}).
	 */
	private static ApiResponse error(Example example) {
		var problem = example.getValue() instanceof Map<?, ?> map && map.containsKey("type");
		var schema = new Schema<>().$ref("#/components/schemas/" + (problem ? "ProblemDetail" : "OAuthError"));
		return new ApiResponse().description(example.getSummary())
			.content(new Content().addMediaType(problem ? PROBLEM : "application/json",
					new MediaType().schema(schema).example(example.getValue())));
	}

	/**
	 * The examples named so that their names sort in the catalogue's order: the document
	 * is written with its maps' keys sorted, and Swagger UI pre-fills the first example.
	 * Swagger UI shows each example's summary, not its name.
	 */
	static Map<String, Example> ordered(Map<String, Example> examples) {
		var ordered = new LinkedHashMap<String, Example>();
		examples.forEach((name, example) -> ordered.put((ordered.size() + 1) + "-" + name, example));
		return ordered;
	}

	private String exampleName(String code) {
		return catalogue.get().problems().get(code).getSummary();
	}

}
