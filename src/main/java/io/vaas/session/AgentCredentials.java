package io.vaas.session;

import java.io.IOException;

import io.vaas.audit.AuditEntry;
import io.vaas.audit.AuditLog;
import io.vaas.audit.Outcome;
import io.vaas.shared.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Reads an agent's {@code Authorization: Bearer <access token>} and answers a refusal:
 * shared by the security filter chain and the direct bundle delivery, so both verify,
 * audit and answer alike.
 */
@Component
public class AgentCredentials {

	/** The {@code WWW-Authenticate} header of a refusal. */
	public static final String CHALLENGE = "Bearer error=\"invalid_token\"";

	private final AccessTokenVerifier tokens;

	private final AuditLog audit;

	private final JsonMapper json;

	AgentCredentials(AccessTokenVerifier tokens, AuditLog audit, JsonMapper json) {
		this.tokens = tokens;
		this.audit = audit;
		this.json = json;
	}

	/**
	 * The verified access token the request carries.
	 * @throws InvalidAccessToken naming what is wrong (never the token): missing, not a
	 * bearer token, or anything {@link AccessTokenVerifier#verify} refuses
	 */
	public VerifiedToken verify(HttpServletRequest request) {
		return verify(request.getHeader(HttpHeaders.AUTHORIZATION));
	}

	/**
	 * The verified access token of an {@code Authorization} header.
	 * @throws InvalidAccessToken as {@link #verify(HttpServletRequest)}
	 */
	public VerifiedToken verify(@Nullable String header) {
		if (header == null) {
			throw new InvalidAccessToken("no access token");
		}
		if (!bearer(header)) {
			throw new InvalidAccessToken("not a bearer token");
		}
		return tokens.verify(header);
	}

	/**
	 * The access token of an {@code Authorization} header if it was verified before and
	 * still stands, without verifying it again; {@code null} for anything else, which
	 * {@link #verify(String)} then tells. Never blocks, never audits.
	 */
	public @Nullable VerifiedToken verifiedBefore(@Nullable String header) {
		if (header == null || !bearer(header)) {
			return null;
		}
		return tokens.verifiedBefore(header);
	}

	/** Whether the header names the bearer scheme, in any case. */
	private static boolean bearer(String header) {
		return header.regionMatches(true, 0, AccessTokenVerifier.BEARER, 0, AccessTokenVerifier.BEARER.length());
	}

	/**
	 * Audits the refusal and answers 401 with {@code WWW-Authenticate} and a problem.
	 */
	public void refuse(HttpServletRequest request, HttpServletResponse response, String reason) throws IOException {
		refused(reason, request.getRequestURI());
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
		Problems.write(request, response, json, refusal());
	}

	/** The problem a refusal answers (401). */
	public static ProblemDetail refusal() {
		return Problems.of(HttpStatus.UNAUTHORIZED, "invalid-token", "Unauthorized",
				"This endpoint needs a valid agent access token ('Authorization: Bearer …')");
	}

	/**
	 * Records a refused agent credential (401/403). Anyone can send these at any rate, so
	 * they are appended in batches, off the request.
	 */
	public void refused(String reason, @Nullable String path) {
		audit.recordSoon(new AuditEntry(SessionService.ANONYMOUS, "agent.authenticate", null, path, null,
				Outcome.FAILED, reason));
	}

}
