package io.vaas.bundle.web;

import io.vaas.bundle.BundleNotFound;
import io.vaas.bundle.BundleRevisionNotFound;
import io.vaas.bundle.InvalidBundle;
import io.vaas.bundle.render.BundleRenderFailed;
import io.vaas.shared.Problems;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps the bundle module's exceptions to problems. */
@RestControllerAdvice
@Order(0)
class BundleProblemAdvice {

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notFound(BundleNotFound ex) {
		return Problems.response(HttpStatus.NOT_FOUND, "bundle-not-found", "Bundle not found", ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> revisionNotFound(BundleRevisionNotFound ex) {
		return Problems.response(HttpStatus.NOT_FOUND, "bundle-revision-not-found", "Bundle revision not found",
				ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> renderFailed(BundleRenderFailed ex) {
		var response = Problems.response(HttpStatus.UNPROCESSABLE_CONTENT, "bundle-render-failed",
				"Bundle does not render", ex.getMessage());
		response.getBody().setProperty("file", ex.file());
		return response;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalid(InvalidBundle ex) {
		return Problems.response(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-bundle", "Invalid bundle", ex.getMessage());
	}

}
