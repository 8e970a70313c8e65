package io.vaas.bundle.render;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code "config": "name[@version]", "format": "json|properties|yaml"}: a whole config in
 * a format (JSON by default).
 */
final class ConfigSource implements FileSource {

	static final Set<String> FORMATS = Set.of("json", "properties", "yaml");

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	@Override
	public String member() {
		return "config";
	}

	@Override
	public Set<String> options() {
		return Set.of("format");
	}

	@Override
	public Parsed parse(JsonNode entry) {
		var format = entry.has("format") ? FileSource.text(entry, "format") : "json";
		if (!FORMATS.contains(format)) {
			throw new RenderRuleBroken("format must be json, properties or yaml");
		}
		var config = Reference.parse(FileSource.text(entry, member()));
		return (area, sources) -> new Content(format(sources.config(config), format), false);
	}

	interface KeyValue {

		void accept(String key, String value);

	}

	/**
	 * Every leaf of a config with its key path joined by {@code separator}, in the
	 * config's order; a value that is no string as JSON.
	 */
	static void flatten(JsonNode node, String prefix, String separator, KeyValue out) {
		for (var entry : node.properties()) {
			var key = prefix.isEmpty() ? entry.getKey() : prefix + separator + entry.getKey();
			if (entry.getValue().isObject()) {
				flatten(entry.getValue(), key, separator, out);
			}
			else {
				out.accept(key,
						entry.getValue().isString() ? entry.getValue().asString() : entry.getValue().toString());
			}
		}
	}

	private static byte[] format(ObjectNode config, String format) {
		return switch (format) {
			case "properties" -> {
				var out = new StringBuilder();
				flatten(config, "", ".", (key,
						value) -> out.append(escape(key, true)).append('=').append(escape(value, false)).append('\n'));
				yield out.toString().getBytes(StandardCharsets.UTF_8);
			}
			case "yaml" -> YAML.writeValueAsBytes(config);
			default -> (JSON.writeValueAsString(config) + "\n").getBytes(StandardCharsets.UTF_8);
		};
	}

	/**
	 * java.util.Properties escaping, written out so that the output order is the config's
	 * order.
	 */
	private static String escape(String text, boolean key) {
		var out = new StringBuilder();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				case '\f' -> out.append("\\f");
				case '=', ':', '#', '!' -> out.append('\\').append(c);
				case ' ' -> out.append(key || i == 0 ? "\\ " : " ");
				default -> out.append(c);
			}
		}
		return out.toString();
	}

}
