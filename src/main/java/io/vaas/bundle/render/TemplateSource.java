package io.vaas.bundle.render;

import java.nio.charset.StandardCharsets;

import io.vaas.bundle.output.Area;
import tools.jackson.databind.JsonNode;

/**
 * {@code "template": "…"}: text rendered in the Pebble sandbox with
 * {@code config.<name>.<key…>} and {@code secret.<name>}; secret when it lands in the
 * secret area or reads a secret.
 */
final class TemplateSource implements FileSource {

	@Override
	public String member() {
		return "template";
	}

	@Override
	public Parsed parse(JsonNode entry) {
		var text = FileSource.text(entry, member());
		return (area, sources) -> {
			var output = Templates.render(text, sources);
			return new Content(output.text().getBytes(StandardCharsets.UTF_8),
					area == Area.SECRET || output.readSecret());
		};
	}

}
