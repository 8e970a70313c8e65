package io.vaas.secret;

import java.time.Instant;

/**
 * A secret as listed in its namespace.
 *
 * @param name its name
 * @param latestVersion its latest version
 * @param updatedAt when that version was written
 */
public record SecretSummary(String name, long latestVersion, Instant updatedAt) {

}
