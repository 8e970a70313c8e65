package io.vaas.config.web;

import io.vaas.config.ConfigNotFound;
import io.vaas.config.ConfigVersionNotFound;
import io.vaas.config.InvalidConfig;
import io.vaas.shared.Problems;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

@RestControllerAdvice
@Order(0)
class ConfigProblemAdvice {

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notFound(ConfigNotFound ex) {
		return Problems.response(HttpStatus.NOT_FOUND, "config-not-found", "Config not found", ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> versionNotFound(ConfigVersionNotFound ex) {
		return Problems.response(HttpStatus.NOT_FOUND, "config-version-not-found", "Config version not found",
				ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalid(InvalidConfig ex) {
		return Problems.response(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-config", "Invalid config", ex.getMessage());
	}

}
