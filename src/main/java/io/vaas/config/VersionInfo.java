package io.vaas.config;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A version in a config's history, without its content.
 *
 * @param version the version number
 * @param author who wrote it
 * @param createdAt when
 * @param comment why, if they said
 */
public record VersionInfo(long version, String author, Instant createdAt, @Nullable String comment) {

}
