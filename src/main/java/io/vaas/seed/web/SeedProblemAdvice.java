package io.vaas.seed.web;

import io.vaas.seed.InvalidSeedRequest;
import io.vaas.seed.SeedNotFound;
import io.vaas.shared.Problems;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps the seed module's exceptions to problems. */
@RestControllerAdvice
@Order(0)
class SeedProblemAdvice {

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notFound(SeedNotFound ex) {
		return Problems.response(HttpStatus.NOT_FOUND, "seed-not-found", "Seed not found", ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalid(InvalidSeedRequest ex) {
		return Problems.response(HttpStatus.UNPROCESSABLE_CONTENT, "validation-failed", "Validation failed",
				ex.getMessage());
	}

}
