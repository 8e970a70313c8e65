package io.vaas.config;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The difference between two versions of a config.
 *
 * @param namespace the namespace
 * @param name the config's name
 * @param from the version compared from
 * @param to the version compared to
 * @param changes one entry per changed key path, for people
 * @param patch the same difference as an RFC 6902 JSON Patch that turns {@code from} into
 * {@code to}, for programs
 */
public record ConfigDiff(String namespace, String name, long from, long to, List<Change> changes, JsonNode patch) {

	/**
	 * One changed key.
	 *
	 * @param change {@code added}, {@code removed} or {@code changed}
	 * @param path the key's JSON Pointer (RFC 6901), e.g. {@code /db/port}
	 * @param oldValue its value in {@code from} (absent when added)
	 * @param newValue its value in {@code to} (absent when removed)
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Change(String change, String path, @Nullable JsonNode oldValue, @Nullable JsonNode newValue) {
	}

}
