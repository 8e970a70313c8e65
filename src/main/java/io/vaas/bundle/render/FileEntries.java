package io.vaas.bundle.render;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.vaas.bundle.output.Area;
import tools.jackson.databind.JsonNode;

/** Reads and checks a revision's {@code files} array; a broken rule names the entry. */
public final class FileEntries {

	static final int MAX_FILES = 256;

	static final Set<String> FIELDS = Set.of("area", "path", "mode", "template", "secret", "config", "format", "env");

	static final Set<String> FORMATS = Set.of("json", "properties", "yaml");

	private FileEntries() {
	}

	public static List<FileEntry> parse(JsonNode files) {
		if (!files.isArray() || files.size() > MAX_FILES) {
			throw new RenderRuleBroken("files must be an array of at most " + MAX_FILES + " file entries");
		}
		var entries = new ArrayList<FileEntry>();
		var seen = new HashSet<String>();
		for (int i = 0; i < files.size(); i++) {
			FileEntry entry;
			try {
				entry = entry(files.get(i));
			}
			catch (RenderRuleBroken ex) {
				throw new RenderRuleBroken("files[" + i + "]: " + ex.getMessage());
			}
			if (!seen.add(entry.area().label() + "/" + entry.path())) {
				throw new RenderRuleBroken(
						"files[" + i + "]: " + entry.area().label() + "/" + entry.path() + " appears twice");
			}
			entries.add(entry);
		}
		// A path that is a file cannot be the directory of another (a and a/b).
		for (var entry : entries) {
			var path = entry.area().label() + "/" + entry.path();
			var parent = path.lastIndexOf('/');
			for (var dir = path.substring(0, parent); dir.indexOf('/') > 0; dir = dir.substring(0,
					dir.lastIndexOf('/'))) {
				if (seen.contains(dir)) {
					throw new RenderRuleBroken(dir + " is a file and also the directory of " + path);
				}
			}
		}
		return List.copyOf(entries);
	}

	private static FileEntry entry(JsonNode node) {
		if (!node.isObject()) {
			throw new RenderRuleBroken("an entry is an object");
		}
		for (var name : node.propertyNames()) {
			if (!FIELDS.contains(name)) {
				throw new RenderRuleBroken("unknown field '" + name + "'");
			}
		}
		var area = Area.of(text(node, "area", true))
			.orElseThrow(() -> new RenderRuleBroken("area must be configuration, secret, context or proc"));
		var path = FilePath.check(text(node, "path", true));
		var mode = mode(node, area);
		int sources = (node.has("template") ? 1 : 0) + (node.has("secret") ? 1 : 0) + (node.has("config") ? 1 : 0)
				+ (node.has("env") ? 1 : 0);
		if (sources != 1) {
			throw new RenderRuleBroken("an entry has exactly one of template, secret, config and env");
		}
		if (node.has("format") && !node.has("config")) {
			throw new RenderRuleBroken("format goes with config");
		}
		if (node.has("template")) {
			return new FileEntry.Template(area, path, mode, text(node, "template", true));
		}
		if (node.has("secret")) {
			return new FileEntry.WholeSecret(area, path, mode, Reference.parse(text(node, "secret", true)));
		}
		if (node.has("config")) {
			var format = node.has("format") ? text(node, "format", true) : "json";
			if (!FORMATS.contains(format)) {
				throw new RenderRuleBroken("format must be json, properties or yaml");
			}
			return new FileEntry.WholeConfig(area, path, mode, Reference.parse(text(node, "config", true)), format);
		}
		var env = node.get("env");
		if (!env.isObject()) {
			throw new RenderRuleBroken("env is an object: {\"config\":…, \"secrets\":[…], \"prefix\":…}");
		}
		for (var name : env.propertyNames()) {
			if (!Set.of("config", "secrets", "prefix").contains(name)) {
				throw new RenderRuleBroken("unknown env field '" + name + "'");
			}
		}
		var config = env.has("config") ? Reference.parse(text(env, "config", true)) : null;
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
		var prefix = env.has("prefix") ? text(env, "prefix", true) : "";
		return new FileEntry.Env(area, path, mode, config, List.copyOf(secrets), prefix);
	}

	private static int mode(JsonNode node, Area area) {
		if (!node.has("mode")) {
			return area == Area.SECRET ? 0400 : 0444;
		}
		var text = text(node, "mode", true);
		if (!text.matches("0?[0-7]{3}")) {
			throw new RenderRuleBroken("mode is an octal string such as \"0444\"");
		}
		var mode = Integer.parseInt(text, 8);
		if ((mode & 0022) != 0) {
			throw new RenderRuleBroken("mode must not let group or others write");
		}
		return mode;
	}

	private static String text(JsonNode node, String field, boolean required) {
		var value = node.get(field);
		if (value == null || !value.isString()) {
			throw new RenderRuleBroken(field + " must be a string");
		}
		return value.asString();
	}

}
