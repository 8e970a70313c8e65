package io.vaas.shared;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request to {@code /api/} whose meaning would depend on which of two values
 * the code reads: a query parameter given more than once ({@code ?version=1&version=2})
 * or two {@code Authorization} headers (a singleton field, RFC 9110 §11.6.2). Reads the
 * raw query string, so it works before anything has parsed parameters and never reads a
 * form body. The seed exchange is left to its controller, which answers in RFC 6749's
 * shape, refuses every query parameter and reads no {@code Authorization}.
 */
class AmbiguousRequestFilter extends OncePerRequestFilter {

	static final String EXCHANGE = "/api/v1/auth/token";

	/** A parameter name that can be repeated in a message as it is. */
	private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

	private final JsonMapper json;

	AmbiguousRequestFilter(JsonMapper json) {
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		var uri = request.getRequestURI();
		return !uri.startsWith("/api/") || EXCHANGE.equals(uri);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var problem = problem(request);
		if (problem == null) {
			chain.doFilter(request, response);
			return;
		}
		Problems.write(request, response, json, problem);
	}

	private static @Nullable ProblemDetail problem(HttpServletRequest request) {
		if (Collections.list(request.getHeaders(HttpHeaders.AUTHORIZATION)).size() > 1) {
			return Problems.of(HttpStatus.BAD_REQUEST, "invalid-header", "Invalid header",
					"Header 'Authorization' is given more than once; send one credential");
		}
		var repeated = repeated(request.getQueryString());
		if (repeated == null) {
			return null;
		}
		return Problems.of(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter",
				PLAIN_NAME.matcher(repeated).matches()
						? "Query parameter '" + repeated + "' is given more than once; give it once"
						: "A query parameter is given more than once; give each once");
	}

	/**
	 * The first parameter name that occurs twice in a query string, after %-decoding as
	 * the servlet container does; null when every name occurs once.
	 */
	static @Nullable String repeated(@Nullable String query) {
		if (query == null) {
			return null;
		}
		var seen = new HashSet<String>();
		for (var pair : query.split("&")) {
			var raw = pair.split("=", 2)[0];
			if (raw.isEmpty()) {
				continue;
			}
			var name = decode(raw);
			if (!seen.add(name)) {
				return name;
			}
		}
		return null;
	}

	private static String decode(String raw) {
		try {
			return URLDecoder.decode(raw, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			// Malformed %-encoding: the container refuses the parameters itself.
			return raw;
		}
	}

}
