package io.vaas.namespace;

import java.time.Instant;

/**
 * A namespace as shown to operators.
 *
 * @param name its name
 * @param createdAt when it was created
 * @param createdBy who created it
 */
public record NamespaceView(String name, Instant createdAt, String createdBy) {

}
