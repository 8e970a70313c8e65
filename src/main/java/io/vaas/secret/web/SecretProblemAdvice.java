package io.vaas.secret.web;

import io.vaas.keys.DecryptionFailed;
import io.vaas.secret.InvalidSecret;
import io.vaas.secret.SecretNotFound;
import io.vaas.secret.SecretVersionDestroyed;
import io.vaas.secret.SecretVersionNotFound;
import io.vaas.shared.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

@RestControllerAdvice
@Order(0)
class SecretProblemAdvice {

	private static final Logger log = LoggerFactory.getLogger(SecretProblemAdvice.class);

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notFound(SecretNotFound ex) {
		return Problems.response(HttpStatus.NOT_FOUND, "secret-not-found", "Secret not found", ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> versionNotFound(SecretVersionNotFound ex) {
		return Problems.response(HttpStatus.NOT_FOUND, "secret-version-not-found", "Secret version not found",
				ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> destroyed(SecretVersionDestroyed ex) {
		return Problems.response(HttpStatus.GONE, "secret-version-destroyed", "Secret version destroyed",
				ex.getMessage());
	}

	/**
	 * Stored data failed its integrity check: not the client's fault, and never shown in
	 * detail.
	 */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> undecryptable(DecryptionFailed ex) {
		log.error("event=decryption_failed reason=\"{}\"", ex.getMessage());
		return Problems.response(HttpStatus.INTERNAL_SERVER_ERROR, "decryption-failed", "Decryption failed",
				"The stored secret failed its integrity check and was not decrypted");
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalid(InvalidSecret ex) {
		return Problems.response(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-secret", "Invalid secret", ex.getMessage());
	}

}
