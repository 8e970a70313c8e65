package io.vaas.session;

import org.jspecify.annotations.Nullable;

/**
 * The parameters of a token request (RFC 8693 / RFC 7523) as sent, form-encoded or JSON.
 *
 * @param grantType {@code grant_type}
 * @param subjectToken {@code subject_token}: a credential, never logged
 * @param subjectTokenType {@code subject_token_type}
 * @param resource {@code resource}: the bundle an identity token asks for
 * ({@code urn:vaas:bundle:{ns}/{b}})
 * @param assertion {@code assertion} (RFC 7523): a credential, never logged
 * @param endpoint not a parameter: the token endpoint's public URL, which an assertion's
 * {@code aud} must name
 */
public record TokenRequest(@Nullable String grantType, @Nullable String subjectToken, @Nullable String subjectTokenType,
		@Nullable String resource, @Nullable String assertion, @Nullable String endpoint) {

	/** A token-exchange request (no resource, no assertion). */
	public TokenRequest(@Nullable String grantType, @Nullable String subjectToken, @Nullable String subjectTokenType) {
		this(grantType, subjectToken, subjectTokenType, null, null, null);
	}

	/** The subject token without surrounding white space, or an empty string. */
	public String subject() {
		return subjectToken == null ? "" : subjectToken.strip();
	}

	/** The assertion without surrounding white space, or an empty string. */
	public String assertionText() {
		return assertion == null ? "" : assertion.strip();
	}

	@Override
	public String toString() {
		return "TokenRequest[grantType=" + grantType + ", subjectToken=redacted, subjectTokenType=" + subjectTokenType
				+ ", resource=" + resource + ", assertion=" + (assertion == null ? "null" : "redacted") + ", endpoint="
				+ endpoint + "]";
	}

}
