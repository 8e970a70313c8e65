package io.vaas.pki.web;

import io.vaas.pki.CertificateRefused;
import io.vaas.shared.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A certificate that is not made: 422, naming the name and what the namespace may have.
 */
@RestControllerAdvice
class PkiProblemAdvice {

	@ExceptionHandler
	ResponseEntity<ProblemDetail> refused(CertificateRefused ex) {
		return Problems.response(HttpStatus.UNPROCESSABLE_CONTENT, "certificate-name-refused",
				"Certificate name refused", ex.getMessage());
	}

}
