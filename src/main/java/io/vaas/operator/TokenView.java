package io.vaas.operator;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An operator token as listed: everything but its value.
 *
 * @param id the token's id
 * @param name its name
 * @param grants its roles
 * @param bootstrap whether it is the bootstrap admin token
 * @param createdAt when it was created
 * @param createdBy who created it
 * @param expiresAt when it stops working, if ever
 * @param revokedAt when it was revoked, if it was
 * @param status {@code active}, {@code expired} or {@code revoked}
 */
public record TokenView(UUID id, String name, List<Grant> grants, boolean bootstrap, Instant createdAt,
		String createdBy, @Nullable Instant expiresAt, @Nullable Instant revokedAt, String status) {

	static TokenView of(OperatorToken token, Instant now) {
		var status = token.revokedAt() != null ? "revoked" : token.isActiveAt(now) ? "active" : "expired";
		return new TokenView(token.id(), token.name(), token.grants(), token.bootstrap(), token.createdAt(),
				token.createdBy(), token.expiresAt(), token.revokedAt(), status);
	}

}
