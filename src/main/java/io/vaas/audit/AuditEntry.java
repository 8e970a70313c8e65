package io.vaas.audit;

import io.vaas.shared.Actor;
import org.jspecify.annotations.Nullable;

/**
 * What a module tells the audit log: who did what to which resource version, and how it
 * ended. Names, ids and versions only — never a value or a token.
 *
 * @param actor who
 * @param action a dotted verb, e.g. {@code config.write}, {@code secret.reveal}
 * @param namespace the namespace, if any
 * @param resource the resource's name or id, if any
 * @param version the resource version, if any
 * @param outcome how it ended
 * @param detail a short reason for refusals
 */
public record AuditEntry(Actor actor, String action, @Nullable String namespace, @Nullable String resource,
		@Nullable Long version, Outcome outcome, @Nullable String detail) {

	public static AuditEntry success(Actor actor, String action, @Nullable String namespace, @Nullable String resource,
			@Nullable Long version) {
		return new AuditEntry(actor, action, namespace, resource, version, Outcome.SUCCESS, null);
	}

}
