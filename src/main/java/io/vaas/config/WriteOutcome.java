package io.vaas.config;

/**
 * What a write did.
 *
 * @param version the latest version after the write
 * @param changed whether a new version was created (false: content identical to the
 * latest)
 * @param createdConfig whether the write created the config
 */
public record WriteOutcome(long version, boolean changed, boolean createdConfig) {

}
