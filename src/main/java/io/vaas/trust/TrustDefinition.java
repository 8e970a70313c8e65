package io.vaas.trust;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a trust accepts, checked ({@link TrustRules}).
 *
 * @param issuer the exact {@code iss}, an https URL
 * @param jwksUri where the issuer's keys are (https); with neither this nor {@code jwks},
 * OIDC discovery at the issuer
 * @param jwks the issuer's public keys, given instead of a URI
 * @param audiences one of them must be in {@code aud}
 * @param subject a glob ({@code *} any run of characters) the {@code sub} must match
 * @param claims claim (a top-level name, or a JSON Pointer) → exact value or glob
 * @param areas the areas its sessions may fetch
 * @param ttl the longest a session from it lives
 */
public record TrustDefinition(String issuer, @Nullable String jwksUri, @Nullable Map<String, Object> jwks,
		List<String> audiences, String subject, Map<String, String> claims, List<String> areas, Duration ttl) {
}
