package io.vaas.audit.web;

import io.vaas.shared.Problems;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps the audit module's exceptions to problems. */
@RestControllerAdvice
@Order(0)
class AuditProblemAdvice {

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalid(InvalidAuditQuery ex) {
		return Problems.response(HttpStatus.UNPROCESSABLE_CONTENT, "validation-failed", "Validation failed",
				ex.getMessage());
	}

}
