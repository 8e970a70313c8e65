package io.vaas.shared;

/**
 * Something that bundles render from changed in a namespace (a config, a secret or a
 * bundle). Published inside the changing transaction; listeners that wake agents act
 * after commit.
 *
 * @param namespace the namespace
 */
public record NamespaceChanged(String namespace) {
}
