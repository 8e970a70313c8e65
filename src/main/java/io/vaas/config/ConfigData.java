package io.vaas.config;

import io.vaas.shared.Texts;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The content of a config: a JSON object whose values are strings, numbers, booleans or
 * nested objects (SPEC §2). Arrays and nulls are refused because they have no file or
 * {@code ENV} rendering that every consumer agrees on; keys and text without NUL or
 * unpaired surrogates ({@link Texts}), because no file can carry them faithfully.
 *
 * @param json the validated object
 */
public record ConfigData(ObjectNode json) {

	static final int MAX_DEPTH = 32;

	public ConfigData {
		var problem = problemIn(json, "data", 1);
		if (problem != null) {
			throw new InvalidConfig(problem);
		}
	}

	/** Validates a request's {@code data} member. */
	public static ConfigData of(@Nullable JsonNode node) {
		if (node == null || node.isMissingNode() || node.isNull()) {
			throw new InvalidConfig("data is required and must be a JSON object");
		}
		if (!(node instanceof ObjectNode object)) {
			throw new InvalidConfig("data must be a JSON object");
		}
		return new ConfigData(object);
	}

	private static @Nullable String problemIn(ObjectNode object, String path, int depth) {
		if (depth > MAX_DEPTH) {
			return path + ": objects may nest at most " + MAX_DEPTH + " levels deep";
		}
		for (var entry : object.properties()) {
			var key = entry.getKey();
			if (key.isEmpty()) {
				return path + ": keys must not be empty";
			}
			if (!Texts.isWellFormed(key)) {
				return path + ": keys " + Texts.RULE;
			}
			var at = path + "." + key;
			var problem = switch (entry.getValue().getNodeType()) {
				case STRING -> Texts.isWellFormed(entry.getValue().asString()) ? null : at + ": text " + Texts.RULE;
				case BOOLEAN -> null;
				case NUMBER -> entry.getValue().isFloatingPointNumber() && !Double.isFinite(entry.getValue().asDouble())
						? at + ": numbers must be finite" : null;
				case OBJECT -> problemIn((ObjectNode) entry.getValue(), at, depth + 1);
				case ARRAY -> at + ": arrays are not allowed; use an object or a string";
				case NULL -> at + ": null is not allowed; leave the key out instead";
				default -> at + ": only strings, numbers, booleans and objects are allowed";
			};
			if (problem != null) {
				return problem;
			}
		}
		return null;
	}

}
