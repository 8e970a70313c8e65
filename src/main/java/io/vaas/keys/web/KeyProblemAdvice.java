package io.vaas.keys.web;

import io.vaas.keys.InvalidKeyRequest;
import io.vaas.keys.KeyInUse;
import io.vaas.keys.KeyNotFound;
import io.vaas.shared.Problems;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

@RestControllerAdvice
@Order(0)
class KeyProblemAdvice {

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notFound(KeyNotFound ex) {
		return Problems.response(HttpStatus.NOT_FOUND, "key-not-found", "Key not found", ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> inUse(KeyInUse ex) {
		return Problems.response(HttpStatus.CONFLICT, "key-in-use", "Key in use", ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalid(InvalidKeyRequest ex) {
		return Problems.response(HttpStatus.UNPROCESSABLE_CONTENT, "validation-failed", "Validation failed",
				ex.getMessage());
	}

}
