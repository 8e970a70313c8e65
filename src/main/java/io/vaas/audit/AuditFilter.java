package io.vaas.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What to look for in the audit log; every part is optional.
 *
 * @param namespace events in this namespace
 * @param actor events by this actor name
 * @param action events with this action, e.g. {@code secret.reveal}
 * @param outcome events with this outcome, e.g. {@code denied}
 * @param since events at or after this time
 * @param until events before this time
 */
public record AuditFilter(@Nullable String namespace, @Nullable String actor, @Nullable String action,
		@Nullable String outcome, @Nullable Instant since, @Nullable Instant until) {

}
