package io.vaas.bundle.web;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vaas.bundle.BundleNotFound;
import io.vaas.bundle.BundleService;
import io.vaas.bundle.BundleView;
import io.vaas.bundle.InvalidBundle;
import io.vaas.shared.NamespaceName;
import io.vaas.shared.Problems;
import io.vaas.shared.ResourceName;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

@RestController
@RequestMapping(path = "/api/v1/namespaces/{ns}/bundles", produces = "application/json")
@Tag(name = "Bundles", description = "Which files land in which /con area")
class BundleController {

	private final BundleService bundles;

	BundleController(BundleService bundles) {
		this.bundles = bundles;
	}

	@PutMapping(path = "/{name}", consumes = "application/json")
	@ApiResponse(responseCode = "201", description = "Bundle created as revision 1")
	@ApiResponse(responseCode = "200", description = "New revision saved, or the files are unchanged")
	@Operation(summary = "Save a revision: {\"files\":[…]}")
	ResponseEntity<SaveResponse> save(@PathVariable NamespaceName ns, @PathVariable ResourceName name,
			@RequestBody BundleWrite body) {
		var saved = bundles.save(ns, name, body.files(), body.comment());
		var response = new SaveResponse(saved.revision(), saved.changed());
		return saved.createdBundle()
				? ResponseEntity.created(URI.create("/api/v1/namespaces/" + ns + "/bundles/" + name)).body(response)
				: ResponseEntity.ok(response);
	}

	@GetMapping("/{name}")
	@Operation(summary = "The latest revision")
	BundleView latest(@PathVariable NamespaceName ns, @PathVariable ResourceName name) {
		return bundles.latest(ns, name);
	}

	record BundleWrite(@Nullable JsonNode files, @Nullable String comment) {
	}

	record SaveResponse(long revision, boolean changed) {
	}

	@RestControllerAdvice
	@Order(0)
	static class BundleProblemAdvice {

		@ExceptionHandler
		ResponseEntity<ProblemDetail> notFound(BundleNotFound ex) {
			return Problems.response(HttpStatus.NOT_FOUND, "bundle-not-found", "Bundle not found", ex.getMessage());
		}

		@ExceptionHandler
		ResponseEntity<ProblemDetail> invalid(InvalidBundle ex) {
			return Problems.response(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-bundle", "Invalid bundle",
					ex.getMessage());
		}

	}

}
