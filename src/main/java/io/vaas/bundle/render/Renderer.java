package io.vaas.bundle.render;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.vaas.bundle.output.Area;
import io.vaas.bundle.output.RenderedBundle;
import io.vaas.bundle.output.RenderedFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Renders a bundle revision's entries into files; a failure names the file and the
 * reason.
 */
public final class Renderer {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	private Renderer() {
	}

	/** The most one file may hold (SPEC §3). */
	public static final int MAX_FILE = 1024 * 1024;

	/** The most a bundle's files may hold together (SPEC §3). */
	public static final int MAX_BUNDLE = 8 * 1024 * 1024;

	/**
	 * The files of the given areas, rendered within one {@link Budget}: all templates
	 * together may take {@code timeout} (not counting the time spent reading configs and
	 * secrets), macros may nest {@value Budget#MAX_DEPTH} deep, lists hold at most
	 * {@value Budget#MAX_ITEMS} items, and every value at most {@value #MAX_FILE}
	 * characters.
	 * @throws BundleRenderFailed naming the file and the rule or budget it broke;
	 * {@link BundleRenderFailed#overBudget()} tells a budget from a missing reference
	 */
	public static RenderedBundle render(List<FileEntry> entries, Set<Area> areas, Sources sources, Duration timeout) {
		var budget = new Budget(timeout);
		return ScopedValue.where(Budget.CURRENT, budget)
			.call(() -> renderFiles(entries, areas, budget.excludingTimeIn(sources)));
	}

	private static RenderedBundle renderFiles(List<FileEntry> entries, Set<Area> areas, Sources sources) {
		var files = new ArrayList<RenderedFile>();
		long total = 0;
		for (var entry : entries) {
			if (!areas.contains(entry.area())) {
				continue;
			}
			try {
				var file = file(entry, sources);
				if (file.content().length > MAX_FILE) {
					throw new RenderBudgetExceeded("renders to " + file.content().length
							+ " bytes; a file may hold at most " + MAX_FILE + " (the output budget)");
				}
				total += file.content().length;
				if (total > MAX_BUNDLE) {
					throw new RenderBudgetExceeded(
							"with this file the bundle holds more than " + MAX_BUNDLE + " bytes (the output budget)");
				}
				files.add(file);
			}
			catch (RenderRuleBroken ex) {
				throw new BundleRenderFailed(entry.area().label() + "/" + entry.path(), ex);
			}
		}
		return RenderedBundle.of(files);
	}

	private static RenderedFile file(FileEntry entry, Sources sources) {
		return switch (entry) {
			case FileEntry.Template template -> {
				var output = Templates.render(template.text(), sources);
				yield RenderedFile.of(entry.area(), entry.path(), entry.mode(),
						output.text().getBytes(StandardCharsets.UTF_8),
						entry.area() == Area.SECRET || output.readSecret());
			}
			case FileEntry.WholeSecret secret ->
				RenderedFile.of(entry.area(), entry.path(), entry.mode(), sources.secret(secret.secret()), true);
			case FileEntry.WholeConfig config -> RenderedFile.of(entry.area(), entry.path(), entry.mode(),
					format(sources.config(config.config()), config.format()), false);
			case FileEntry.Env env -> RenderedFile.of(entry.area(), entry.path(), entry.mode(),
					EnvFile.render(variables(env, sources)).getBytes(StandardCharsets.UTF_8), !env.secrets().isEmpty());
		};
	}

	private static Map<String, String> variables(FileEntry.Env env, Sources sources) {
		var variables = new LinkedHashMap<String, String>();
		if (env.config() != null) {
			flatten(sources.config(env.config()), "",
					(key, value) -> put(variables, EnvFile.name(env.prefix(), key), value, "config key " + key));
		}
		for (var secret : env.secrets()) {
			put(variables, EnvFile.name(env.prefix(), secret.name().value()), text(sources.secret(secret), secret),
					"secret " + secret.name());
		}
		return variables;
	}

	private static void put(Map<String, String> variables, String name, String value, String from) {
		if (variables.putIfAbsent(name, value) != null) {
			throw new RenderRuleBroken("two entries map to the variable " + name + " (the second is " + from + ")");
		}
	}

	private static String text(byte[] bytes, Reference secret) {
		try {
			var text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(java.nio.ByteBuffer.wrap(bytes))
				.toString();
			if (text.indexOf('\0') >= 0) {
				throw new RenderRuleBroken("secret " + secret.name() + " contains NUL, which no variable can hold");
			}
			return text;
		}
		catch (CharacterCodingException ex) {
			throw new RenderRuleBroken("secret " + secret.name() + " is not UTF-8 text, so it cannot be a variable");
		}
	}

	interface KeyValue {

		void accept(String key, String value);

	}

	/** Key paths joined with {@code _} for ENV, {@code .} for properties. */
	private static void flatten(JsonNode node, String prefix, KeyValue out) {
		flatten(node, prefix, "_", out);
	}

	private static void flatten(JsonNode node, String prefix, String separator, KeyValue out) {
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
