package io.vaas.console;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * Whether an example fits its schema in an OpenAPI document: types, enums, patterns,
 * minimums, required members, no members a closed object does not declare, and exactly
 * one {@code oneOf} branch. A small structural check for the document's own examples, not
 * a JSON Schema validator: null is accepted anywhere (the API writes absent values as
 * null), and formats are not checked.
 */
final class SchemaFit {

	private final JsonNode document;

	SchemaFit(JsonNode document) {
		this.document = document;
	}

	/** What does not fit, each with its JSON path; empty when the value fits. */
	List<String> problems(JsonNode schema, JsonNode value) {
		var problems = new ArrayList<String>();
		check(schema, value, "$", problems);
		return problems;
	}

	private JsonNode resolve(JsonNode schema) {
		while (schema.has("$ref")) {
			var ref = schema.get("$ref").asString();
			schema = document.at(ref.substring(1));
			if (schema.isMissingNode()) {
				throw new IllegalStateException("unresolved " + ref);
			}
		}
		return schema;
	}

	private void check(JsonNode schema, JsonNode value, String path, List<String> problems) {
		schema = resolve(schema);
		if (value.isNull()) {
			return;
		}
		var type = schema.path("type").isArray() ? schema.get("type").get(0).asString()
				: schema.path("type").asString("");
		if (type.isEmpty() && (schema.has("required") || schema.has("properties"))) {
			type = "object";
		}
		switch (type) {
			case "object" -> object(schema, value, path, problems);
			case "array" -> {
				if (!value.isArray()) {
					problems.add(path + " is not an array");
					return;
				}
				if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
					problems.add(path + " has fewer than " + schema.get("minItems") + " items");
				}
				for (int i = 0; i < value.size(); i++) {
					check(schema.path("items"), value.get(i), path + "[" + i + "]", problems);
				}
			}
			case "string" -> {
				if (!value.isString()) {
					problems.add(path + " is not a string");
					return;
				}
				if (schema.has("pattern")
						&& !Pattern.compile(schema.get("pattern").asString()).matcher(value.asString()).find()) {
					problems.add(path + " does not match " + schema.get("pattern").asString());
				}
			}
			case "integer" -> {
				if (!value.isIntegralNumber()) {
					problems.add(path + " is not an integer");
				}
				else if (schema.has("minimum") && value.asLong() < schema.get("minimum").asLong()) {
					problems.add(path + " is below " + schema.get("minimum"));
				}
			}
			case "number" -> {
				if (!value.isNumber()) {
					problems.add(path + " is not a number");
				}
			}
			case "boolean" -> {
				if (!value.isBoolean()) {
					problems.add(path + " is not a boolean");
				}
			}
			default -> {
				// no type: anything goes
			}
		}
		if (schema.has("enum") && !value.isObject() && !value.isArray()) {
			var allowed = false;
			for (var option : schema.get("enum")) {
				allowed |= option.equals(value);
			}
			if (!allowed) {
				problems.add(path + " is not one of " + schema.get("enum"));
			}
		}
	}

	private void object(JsonNode schema, JsonNode value, String path, List<String> problems) {
		if (!value.isObject()) {
			problems.add(path + " is not an object");
			return;
		}
		var properties = schema.path("properties");
		var additional = schema.path("additionalProperties");
		for (var member : value.properties()) {
			var name = member.getKey();
			if (properties.has(name)) {
				check(properties.get(name), member.getValue(), path + "." + name, problems);
			}
			else if (additional.isObject()) {
				check(additional, member.getValue(), path + "." + name, problems);
			}
			else if (!(additional.isBoolean() && additional.asBoolean()) && !properties.isMissingNode()) {
				problems.add(path + "." + name + " is not a member of the schema");
			}
		}
		for (var required : schema.path("required")) {
			if (!value.has(required.asString())) {
				problems.add(path + " lacks " + required.asString());
			}
		}
		if (schema.has("oneOf")) {
			int matching = 0;
			for (var branch : schema.get("oneOf")) {
				if (problems(branch, value).isEmpty()) {
					matching++;
				}
			}
			if (matching != 1) {
				problems.add(path + " matches " + matching + " of the oneOf branches, not exactly one");
			}
		}
	}

}
