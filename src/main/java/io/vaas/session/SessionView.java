package io.vaas.session;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.jspecify.annotations.Nullable;

/**
 * An agent session as operators see it: which agents run which revision.
 *
 * @param id the session id (the {@code sub} of its access tokens)
 * @param origin how it was made: the method ({@code seed}, {@code identity},
 * {@code key}), the seed, or the trust, issuer, subject and Kubernetes pod of an identity
 * token
 * @param bundle the bundle it fetches
 * @param areas the areas it may fetch
 * @param clientAddress the address it last called from
 * @param createdAt when the seed was exchanged
 * @param lastSeenAt when it last called
 * @param maxExpiresAt until when it may renew
 * @param lastDigestFetched the bundle digest it last fetched
 * @param lastRevisionFetched the bundle revision it last fetched
 * @param lastDigestApplied the bundle digest it last reported as applied
 * @param lastRevisionApplied the revision of that digest, when it is the one last fetched
 * @param appliedAt when it reported that
 * @param revokedAt when it was revoked
 * @param status {@code active}, {@code expired} or {@code revoked}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionView(UUID id, @JsonUnwrapped Origin origin, String bundle, List<String> areas,
		@Nullable String clientAddress, Instant createdAt, Instant lastSeenAt, Instant maxExpiresAt,
		@Nullable String lastDigestFetched, @Nullable Long lastRevisionFetched, @Nullable String lastDigestApplied,
		@Nullable Long lastRevisionApplied, @Nullable Instant appliedAt, @Nullable Instant revokedAt, String status) {

	/**
	 * The revision the agent runs: the one it applied, else the one it fetched (written
	 * but not yet reported), else none yet.
	 */
	@com.fasterxml.jackson.annotation.JsonProperty("revision")
	public @Nullable Long revision() {
		return lastRevisionApplied != null ? lastRevisionApplied : lastRevisionFetched;
	}

}
