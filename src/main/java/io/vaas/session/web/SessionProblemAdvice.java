package io.vaas.session.web;

import java.io.IOException;

import io.vaas.session.AgentCredentials;
import io.vaas.session.InvalidAccessToken;
import io.vaas.session.SessionNotFound;
import io.vaas.shared.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The session module's exceptions as problems. The token endpoint's own handlers stay on
 * {@link AuthController}, because its answers are RFC 6749 JSON rather than problems. A
 * token that verified but cannot be served (an area this server does not know, a session
 * revoked while its request waited) is refused exactly as the agent security chain
 * refuses one that did not verify (401 with {@code WWW-Authenticate}).
 */
@RestControllerAdvice
@Order(0)
class SessionProblemAdvice {

	private final AgentCredentials credentials;

	SessionProblemAdvice(AgentCredentials credentials) {
		this.credentials = credentials;
	}

	@ExceptionHandler
	void refuse(InvalidAccessToken ex, HttpServletRequest request, HttpServletResponse response) throws IOException {
		credentials.refuse(request, response, String.valueOf(ex.getMessage()));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notFound(SessionNotFound ex) {
		return Problems.response(HttpStatus.NOT_FOUND, "session-not-found", "Session not found", ex.getMessage());
	}

}
