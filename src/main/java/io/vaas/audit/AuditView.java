package io.vaas.audit;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * An audit event as listed.
 *
 * @param seq its place in the chain, from 1
 * @param occurredAt when
 * @param actorId the credential's id
 * @param actorName the credential's name
 * @param action what, e.g. {@code secret.reveal}
 * @param namespace where
 * @param resource which resource
 * @param version which version
 * @param clientAddress from which address
 * @param outcome {@code success}, {@code denied}, {@code unauthenticated} or
 * {@code failed}
 * @param detail why it was refused
 * @param hash the event's chain hash (hex)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditView(long seq, Instant occurredAt, String actorId, String actorName, String action,
		@Nullable String namespace, @Nullable String resource, @Nullable Long version, @Nullable String clientAddress,
		String outcome, @Nullable String detail, String hash) {

}
