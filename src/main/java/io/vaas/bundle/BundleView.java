package io.vaas.bundle;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A bundle revision.
 *
 * @param namespace the namespace
 * @param name the bundle's name
 * @param revision this revision
 * @param latestRevision the latest revision
 * @param files the file entries
 * @param author who saved it
 * @param createdAt when
 * @param comment why, if they said
 * @param renderFailure the bundle's last failure to render for delivery, while it lasts
 * (agents keep the last good rendering meanwhile)
 */
public record BundleView(String namespace, String name, long revision, long latestRevision, JsonNode files,
		String author, Instant createdAt, @Nullable String comment, @Nullable RenderFailure renderFailure) {

}
