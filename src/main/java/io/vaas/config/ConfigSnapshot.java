package io.vaas.config;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * One version of a config with its content.
 *
 * @param namespace the namespace
 * @param name the config's name
 * @param version the version number
 * @param latestVersion the config's latest version number
 * @param data the content
 * @param author who wrote this version
 * @param createdAt when
 * @param comment why, if they said
 */
public record ConfigSnapshot(String namespace, String name, long version, long latestVersion, ObjectNode data,
		String author, Instant createdAt, @Nullable String comment) {

}
