package io.vaas.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Schema;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import org.springframework.core.io.ClassPathResource;

/**
 * {@code console/catalogue.yaml} (its groups read at start, the whole when the first
 * document is made): the two groups with their tags in workflow order, every operation
 * (its method and path, tag, what it does, who may call it, what it audits, its path
 * parameters' walk-through values and examples of its bodies), the schemas written by
 * hand where the code's types say too little (a bundle's file entry), and an example
 * problem per status.
 */
record Catalogue(Map<String, Group> groups, Map<String, Operation> operations, Map<String, Schema<?>> schemas,
		Map<String, Example> problems) {

	static final String LOCATION = "console/catalogue.yaml";

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	/**
	 * @param paths the path patterns the group's document holds
	 * @param tags tag name → description, in the order Swagger UI shows them
	 */
	record Group(String name, String title, String start, List<String> paths, Map<String, String> tags) {
	}

	/**
	 * @param key {@code METHOD /path}, as in the document
	 * @param parameters path or query parameter → the walk-through's value
	 * @param requests example name → example of the request body
	 * @param responses status → example of the response body
	 * @param errors status → example of an error only this operation gives (a problem, or
	 * an RFC 6749 error), its summary the response's description
	 * @param oauthErrors whether its 400 is an RFC 6749 error rather than a problem
	 * @param open whether it is called without a bearer token
	 */
	record Operation(String id, String key, String tag, String description, Map<String, String> parameters,
			Map<String, Example> requests, Map<String, Object> responses, Map<String, Example> errors,
			boolean oauthErrors, boolean open) {
	}

	static Catalogue read() {
		try (var in = new ClassPathResource(LOCATION).getInputStream()) {
			return of(YAML.readTree(in));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The groups alone, read without the rest of the file: what the documents' beans need
	 * at start (the rest is read when the first document is made).
	 */
	static Map<String, Group> readGroups() {
		try (var in = new ClassPathResource(LOCATION).getInputStream(); var parser = YAML.createParser(in)) {
			parser.nextToken();
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				var name = parser.currentName();
				parser.nextToken();
				if (name.equals("groups")) {
					return groups(parser.readValueAsTree());
				}
				parser.skipChildren();
			}
			throw new IllegalStateException(LOCATION + " has no groups");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Map<String, Group> groups(JsonNode node) {
		var groups = new LinkedHashMap<String, Group>();
		for (var group : node.properties()) {
			var value = group.getValue();
			var tags = new LinkedHashMap<String, String>();
			value.get("tags").properties().forEach(tag -> tags.put(tag.getKey(), tag.getValue().asString()));
			groups.put(group.getKey(), new Group(group.getKey(), value.get("title").asString(),
					value.get("start").asString(), strings(value.get("paths")), tags));
		}
		return groups;
	}

	private static Catalogue of(JsonNode root) {
		var groups = groups(root.get("groups"));
		var operations = new LinkedHashMap<String, Operation>();
		for (var entry : root.get("operations").properties()) {
			var node = entry.getValue();
			var parameters = new LinkedHashMap<String, String>();
			if (node.has("parameters")) {
				node.get("parameters").properties().forEach(p -> parameters.put(p.getKey(), p.getValue().asString()));
			}
			var requests = new LinkedHashMap<String, Example>();
			if (node.has("request")) {
				node.get("request").properties().forEach(r -> requests.put(r.getKey(), example(r.getValue())));
			}
			var responses = new LinkedHashMap<String, Object>();
			if (node.has("responses")) {
				node.get("responses").properties().forEach(r -> responses.put(r.getKey(), plain(r.getValue())));
			}
			var errors = new LinkedHashMap<String, Example>();
			if (node.has("errors")) {
				node.get("errors").properties().forEach(e -> errors.put(e.getKey(), example(e.getValue())));
			}
			operations.put(entry.getKey(),
					new Operation(entry.getKey(), node.get("op").asString(), node.get("tag").asString(),
							node.get("description").asString().strip(), parameters, requests, responses, errors,
							node.path("oauthErrors").asBoolean(false), node.path("open").asBoolean(false)));
		}
		var schemas = new LinkedHashMap<String, Schema<?>>();
		for (var schema : root.get("schemas").properties()) {
			schemas.put(schema.getKey(), Json31.mapper().convertValue(plain(schema.getValue()), Schema.class));
		}
		var problems = new LinkedHashMap<String, Example>();
		root.get("problems").properties().forEach(p -> problems.put(p.getKey(), example(p.getValue())));
		return new Catalogue(groups, operations, schemas, problems);
	}

	/** An example with a summary: {@code {summary: …, value: …}}. */
	private static Example example(JsonNode node) {
		return new Example().summary(node.get("summary").asString()).value(plain(node.get("value")));
	}

	/**
	 * Maps, lists and scalars, which the document's own serializer writes as they are.
	 */
	private static @Nullable Object plain(JsonNode node) {
		return YAML.convertValue(node, Object.class);
	}

	private static List<String> strings(@Nullable JsonNode node) {
		return node == null ? List.of() : node.valueStream().map(JsonNode::asString).toList();
	}

	/**
	 * The operation a document lists under {@code key} ({@code METHOD /path}), if any.
	 */
	@Nullable Operation operation(String key) {
		for (var operation : operations.values()) {
			if (operation.key().equals(key)) {
				return operation;
			}
		}
		return null;
	}

}
