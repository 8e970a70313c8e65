package io.vaas.bundle.render;

import tools.jackson.databind.JsonNode;

/** {@code "secret": "name[@version]"}: a secret's value, as it is. */
final class SecretSource implements FileSource {

	@Override
	public String member() {
		return "secret";
	}

	@Override
	public Parsed parse(JsonNode entry) {
		var secret = Reference.parse(FileSource.text(entry, member()));
		return (area, sources) -> new Content(sources.secret(secret), true);
	}

}
