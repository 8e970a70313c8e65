package io.vaas.namespace.web;

import io.vaas.namespace.NamespaceNotFound;
import io.vaas.shared.Problems;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

@RestControllerAdvice
@Order(0)
class NamespaceProblemAdvice {

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notFound(NamespaceNotFound ex) {
		return Problems.response(HttpStatus.NOT_FOUND, "namespace-not-found", "Namespace not found", ex.getMessage());
	}

}
