package io.vaas.seed;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A seed as listed: never its token.
 *
 * @param id its id: a UUID for a token seed, the key's RFC 7638 thumbprint for a key seed
 * @param kind {@code token} or {@code key}
 * @param bundle the bundle it is for
 * @param description what it is for
 * @param uses how many exchanges it allows (a token seed; a key seed's are not counted)
 * @param usesLeft how many remain
 * @param areas the areas its sessions may fetch
 * @param maxSessionLifetime how long its sessions may be renewed
 * @param createdAt when it was created
 * @param createdBy by whom
 * @param expiresAt until when it can be exchanged
 * @param revokedAt when it was revoked
 * @param lastUsedAt when it was last exchanged
 * @param status {@code active}, {@code used-up}, {@code expired} or {@code revoked}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SeedView(String id, String kind, String bundle, @Nullable String description, @Nullable Integer uses,
		@Nullable Integer usesLeft, List<String> areas, Duration maxSessionLifetime, Instant createdAt,
		String createdBy, Instant expiresAt, @Nullable Instant revokedAt, @Nullable Instant lastUsedAt, String status) {

}
