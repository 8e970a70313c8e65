package io.vaas.session.web;

import io.vaas.session.SessionNotFound;
import io.vaas.shared.Problems;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The session module's exceptions as problems. The token endpoint's own handlers stay on
 * {@link AuthController}, because its answers are RFC 6749 JSON rather than problems, and
 * {@link AgentController} refuses an unservable token exactly as the agent security chain
 * does (401 with {@code WWW-Authenticate}).
 */
@RestControllerAdvice
@Order(0)
class SessionProblemAdvice {

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notFound(SessionNotFound ex) {
		return Problems.response(HttpStatus.NOT_FOUND, "session-not-found", "Session not found", ex.getMessage());
	}

}
