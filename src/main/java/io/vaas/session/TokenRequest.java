package io.vaas.session;

import org.jspecify.annotations.Nullable;

/**
 * The parameters of a token request (RFC 8693 / RFC 7523) as sent, form-encoded or JSON.
 *
 * @param grantType {@code grant_type}
 * @param subjectToken {@code subject_token}: a credential, never logged
 * @param subjectTokenType {@code subject_token_type}
 */
public record TokenRequest(@Nullable String grantType, @Nullable String subjectToken,
		@Nullable String subjectTokenType) {

	/** The subject token without surrounding white space, or an empty string. */
	public String subject() {
		return subjectToken == null ? "" : subjectToken.strip();
	}

	@Override
	public String toString() {
		return "TokenRequest[grantType=" + grantType + ", subjectToken=redacted, subjectTokenType=" + subjectTokenType
				+ "]";
	}

}
