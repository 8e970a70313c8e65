package io.vaas.keys;

import java.util.UUID;

/**
 * What a rotation or re-wrap did.
 *
 * @param primary the primary KEK afterwards
 * @param rewrapped how many data keys were re-wrapped under it
 * @param unreadable how many data keys failed to unwrap (altered or corrupted records)
 * and were left as they are
 * @param remaining how many live data keys other KEKs still wrap (0 unless writes raced
 * the sweep)
 */
public record RotationResult(UUID primary, long rewrapped, long unreadable, long remaining) {

}
