package io.vaas.secret;

/**
 * A revealed secret version.
 *
 * @param version the version revealed
 * @param value its plaintext
 */
public record Revealed(long version, SecretValue value) {

}
