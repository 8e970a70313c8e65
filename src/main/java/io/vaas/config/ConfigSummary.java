package io.vaas.config;

import java.time.Instant;

/**
 * A config as listed in its namespace.
 *
 * @param name the config's name
 * @param latestVersion its latest version
 * @param updatedAt when that version was written
 */
public record ConfigSummary(String name, long latestVersion, Instant updatedAt) {

}
