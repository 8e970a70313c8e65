package io.vaas.trust.web;

import io.vaas.shared.Problems;
import io.vaas.trust.InvalidTrust;
import io.vaas.trust.TrustNotFound;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps the trust module's exceptions to problems. */
@RestControllerAdvice
@Order(0)
class TrustProblemAdvice {

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notFound(TrustNotFound ex) {
		return Problems.response(HttpStatus.NOT_FOUND, "trust-not-found", "Trust not found", ex.getMessage());
	}

	/** 400 as the trusts issue asks (other bodies that break a rule are 422). */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalid(InvalidTrust ex) {
		var response = Problems.response(HttpStatus.BAD_REQUEST, "invalid-trust", "Invalid trust", ex.getMessage());
		response.getBody().setProperty("field", ex.field());
		return response;
	}

}
