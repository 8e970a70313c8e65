package io.vaas.shared;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * RFC 9457 problem details with a stable {@code type} ({@code urn:vaas:problem:<slug>}).
 * The slug is the contract clients switch on; title and detail are for people. A detail
 * names what was wrong (a field, a name's rule, a version), never a submitted value.
 */
public final class Problems {

	private static final String TYPE_PREFIX = "urn:vaas:problem:";

	private Problems() {
	}

	public static ProblemDetail of(HttpStatus status, String slug, String title, String detail) {
		var problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type(slug));
		problem.setTitle(title);
		return problem;
	}

	public static ResponseEntity<ProblemDetail> response(HttpStatus status, String slug, String title, String detail) {
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(of(status, slug, title, detail));
	}

	public static URI type(String slug) {
		return URI.create(TYPE_PREFIX + slug);
	}

	/**
	 * The request path as a problem's {@code instance}, or null when it is not a valid
	 * URI reference.
	 */
	public static @Nullable URI instance(@Nullable String path) {
		if (path == null) {
			return null;
		}
		try {
			return new URI(null, null, path, null);
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	/**
	 * Writes a problem straight to the servlet response, for paths that never reach MVC.
	 */
	public static void write(HttpServletRequest request, HttpServletResponse response, JsonMapper json,
			ProblemDetail problem) throws IOException {
		if (problem.getInstance() == null) {
			problem.setInstance(instance(request.getRequestURI()));
		}
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setHeader("Cache-Control", "no-store");
		json.writeValue(response.getOutputStream(), problem);
	}

}
