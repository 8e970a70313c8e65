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

	/** Every kind of file source; a new kind is added here. */
	static final List<FileSource> KINDS = List.of(new TemplateSource(), new SecretSource(), new ConfigSource(),
			new EnvSource(), new CertificateSource(), new DatabaseSource());

	static final Set<String> FIELDS = fields();

	private FileEntries() {
	}

	private static Set<String> fields() {
		var fields = new HashSet<>(Set.of("area", "path", "mode"));
		for (var kind : KINDS) {
			fields.add(kind.member());
			fields.addAll(kind.options());
		}
		return Set.copyOf(fields);
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
		// The files a per-session entry makes are files like any other.
		for (var entry : entries) {
			if (entry.source() instanceof FileSource.PerSession made) {
				for (var file : made.entry(entry.area(), entry.path()).placeholders()) {
					var key = file.area().label() + "/" + file.path();
					if (!key.equals(entry.area().label() + "/" + entry.path()) && !seen.add(key)) {
						throw new RenderRuleBroken(file.area().label() + "/" + file.path()
								+ " appears twice (a certificate entry makes it)");
					}
				}
			}
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
		var area = Area.of(FileSource.text(node, "area"))
			.orElseThrow(() -> new RenderRuleBroken("area must be configuration, secret, context or proc"));
		var path = FilePath.check(FileSource.text(node, "path"));
		var mode = mode(node, area);
		var selected = KINDS.stream().filter(kind -> node.has(kind.member())).toList();
		if (selected.size() != 1) {
			throw new RenderRuleBroken(
					"an entry has exactly one of " + names(KINDS.stream().map(FileSource::member).toList()));
		}
		var kind = selected.get(0);
		for (var other : KINDS) {
			for (var option : other.options()) {
				if (node.has(option) && !kind.options().contains(option)) {
					throw new RenderRuleBroken(option + " goes with " + other.member());
				}
			}
		}
		return new FileEntry(area, path, mode, kind.member(), kind.parse(node));
	}

	/** {@code a, b and c}. */
	private static String names(List<String> names) {
		return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
	}

	private static int mode(JsonNode node, Area area) {
		if (!node.has("mode")) {
			return area == Area.SECRET ? 0400 : 0444;
		}
		var text = FileSource.text(node, "mode");
		if (!text.matches("0?[0-7]{3}")) {
			throw new RenderRuleBroken("mode is an octal string such as \"0444\"");
		}
		var mode = Integer.parseInt(text, 8);
		if ((mode & 0022) != 0) {
			throw new RenderRuleBroken("mode must not let group or others write");
		}
		return mode;
	}

}
