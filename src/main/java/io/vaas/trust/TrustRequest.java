package io.vaas.trust;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A trust as a client sends it, each field possibly missing; {@link TrustRules} checks it
 * into a {@link TrustDefinition}.
 */
public record TrustRequest(@Nullable String issuer, @Nullable String jwksUri, @Nullable Map<String, Object> jwks,
		@Nullable List<String> audiences, @Nullable String subject, @Nullable Map<String, String> claims,
		@Nullable List<String> areas, @Nullable Duration ttl) {
}
