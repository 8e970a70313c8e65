package io.vaas.operator.web;

import io.vaas.operator.AccessRefused;
import io.vaas.operator.InvalidTokenRequest;
import io.vaas.operator.TokenNameTaken;
import io.vaas.operator.TokenNotFound;
import io.vaas.shared.Problems;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

@RestControllerAdvice
@Order(0)
class OperatorProblemAdvice {

	@ExceptionHandler
	ResponseEntity<ProblemDetail> refused(AccessRefused ex) {
		return Problems.response(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> nameTaken(TokenNameTaken ex) {
		return Problems.response(HttpStatus.CONFLICT, "token-name-taken", "Token name taken", ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notFound(TokenNotFound ex) {
		return Problems.response(HttpStatus.NOT_FOUND, "token-not-found", "Token not found", ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalid(InvalidTokenRequest ex) {
		return Problems.response(HttpStatus.UNPROCESSABLE_CONTENT, "validation-failed", "Validation failed",
				ex.getMessage());
	}

}
