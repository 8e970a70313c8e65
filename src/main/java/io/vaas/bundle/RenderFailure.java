package io.vaas.bundle;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The bundle could not be rendered for delivery: agents keep the last good rendering
 * until it renders again.
 *
 * @param file the file that failed ({@code area/path}), if one did
 * @param reason why, naming references and limits, never a value
 * @param revision the revision that failed
 * @param at when a replica last found it
 */
public record RenderFailure(@Nullable String file, String reason, long revision, Instant at) {

}
