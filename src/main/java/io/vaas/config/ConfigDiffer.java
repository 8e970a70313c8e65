package io.vaas.config;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Computes diffs with the Jakarta JSON Processing implementation (Parsson's
 * {@code Json.createDiff}, RFC 6902), then adds the old values so people can read them.
 */
class ConfigDiffer {

	private final JsonMapper json;

	ConfigDiffer(JsonMapper json) {
		this.json = json;
	}

	record Result(List<ConfigDiff.Change> changes, JsonNode patch) {
	}

	Result diff(JsonNode from, JsonNode to) {
		JsonStructure source = read(from);
		JsonStructure target = read(to);
		var patch = Json.createDiff(source, target).toJsonArray();
		var changes = new ArrayList<ConfigDiff.Change>();
		for (JsonValue value : patch) {
			var op = (JsonObject) value;
			var path = op.getString("path");
			switch (op.getString("op")) {
				case "add" -> changes.add(new ConfigDiff.Change("added", path, null, toJackson(op.get("value"))));
				case "remove" -> changes.add(new ConfigDiff.Change("removed", path, valueAt(source, path), null));
				case "replace" -> changes
					.add(new ConfigDiff.Change("changed", path, valueAt(source, path), toJackson(op.get("value"))));
				default -> changes.add(new ConfigDiff.Change(op.getString("op"), path, null, null));
			}
		}
		return new Result(List.copyOf(changes), json.readTree(patch.toString()));
	}

	private JsonNode valueAt(JsonStructure source, String path) {
		return toJackson(Json.createPointer(path).getValue(source));
	}

	private JsonStructure read(JsonNode node) {
		try (var reader = Json.createReader(new StringReader(json.writeValueAsString(node)))) {
			return reader.read();
		}
	}

	private JsonNode toJackson(JsonValue value) {
		return json.readTree(value.toString());
	}

}
