package io.vaas.trust;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A trust as operators see it: what was put ({@link TrustDefinition}, defaults filled
 * in), its bundle and name, and who changed it when.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrustView(String name, String bundle, String issuer, @Nullable String jwksUri,
		@Nullable Map<String, Object> jwks, List<String> audiences, String subject, Map<String, String> claims,
		List<String> areas, Duration ttl, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {

	static TrustView of(Trust trust, TrustDefinition definition) {
		return new TrustView(trust.name(), trust.bundleName(), definition.issuer(), definition.jwksUri(),
				definition.jwks(), definition.audiences(), definition.subject(), definition.claims(),
				definition.areas(), definition.ttl(), trust.createdAt(), trust.createdBy(), trust.updatedAt(),
				trust.updatedBy());
	}

}
