package io.vaas.bundle.render;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code "env": {"config": …, "secrets": […], "prefix": …}}: an {@code ENV} file from a
 * config's keys and from secrets, with an optional name prefix ({@link EnvFile}).
 */
final class EnvSource implements FileSource {

	static final Set<String> FIELDS = Set.of("config", "secrets", "prefix");

	@Override
	public String member() {
		return "env";
	}

	@Override
	public Parsed parse(JsonNode entry) {
		var env = entry.get(member());
		if (!env.isObject()) {
			throw new RenderRuleBroken("env is an object: {\"config\":…, \"secrets\":[…], \"prefix\":…}");
		}
		for (var name : env.propertyNames()) {
			if (!FIELDS.contains(name)) {
				throw new RenderRuleBroken("unknown env field '" + name + "'");
			}
		}
		var config = env.has("config") ? Reference.parse(FileSource.text(env, "config")) : null;
		var secrets = new ArrayList<Reference>();
		if (env.has("secrets")) {
			if (!env.get("secrets").isArray()) {
				throw new RenderRuleBroken("env.secrets is an array of names");
			}
			for (var secret : env.get("secrets")) {
				if (!secret.isString()) {
					throw new RenderRuleBroken("env.secrets is an array of names");
				}
				secrets.add(Reference.parse(secret.asString()));
			}
		}
		if (config == null && secrets.isEmpty()) {
			throw new RenderRuleBroken("env needs a config or secrets");
		}
		var prefix = env.has("prefix") ? FileSource.text(env, "prefix") : "";
		var listed = List.copyOf(secrets);
		return (area, sources) -> new Content(
				EnvFile.render(variables(config, listed, prefix, sources)).getBytes(StandardCharsets.UTF_8),
				!listed.isEmpty());
	}

	private static Map<String, String> variables(@Nullable Reference config, List<Reference> secrets, String prefix,
			Sources sources) {
		var variables = new LinkedHashMap<String, String>();
		if (config != null) {
			ConfigSource.flatten(sources.config(config), "", "_",
					(key, value) -> put(variables, EnvFile.name(prefix, key), value, "config key " + key));
		}
		for (var secret : secrets) {
			put(variables, EnvFile.name(prefix, secret.name().value()), text(sources.secret(secret), secret),
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
				.decode(ByteBuffer.wrap(bytes))
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

}
