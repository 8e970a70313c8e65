package io.vaas.delivery.web;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AsciiString;
import io.vaas.session.AgentCredentials;
import io.vaas.session.InvalidAccessToken;
import io.vaas.shared.PeerRequest;
import io.vaas.shared.Problems;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The headers and bodies of the agents' port's answers, as the server's port writes them:
 * the security headers on every answer, {@code Date} made once a second, problems as
 * {@code application/problem+json} with the request's path as their instance.
 */
final class AgentAnswers {

	/** RFC 9110's IMF-fixdate (two-digit day, unlike RFC 1123's formatter). */
	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
			Locale.US);

	private static volatile Date date = new Date(0, "");

	// What Spring Security's header writer adds to every answer, as ASCII strings that
	// the encoder copies without converting them.
	private static final AsciiString NOSNIFF_NAME = AsciiString.cached("X-Content-Type-Options");

	private static final AsciiString NOSNIFF = AsciiString.cached("nosniff");

	private static final AsciiString FRAME_OPTIONS_NAME = AsciiString.cached("X-Frame-Options");

	private static final AsciiString DENY = AsciiString.cached("DENY");

	private static final AsciiString XSS_PROTECTION_NAME = AsciiString.cached("X-XSS-Protection");

	private static final AsciiString ZERO = AsciiString.cached("0");

	private AgentAnswers() {
	}

	/**
	 * An answer's status, headers and body; {@code sized} when it has a Content-Length.
	 */
	record Body(int status, HttpHeaders headers, byte[] bytes, boolean sized) {

		/** The response: without its bytes for a {@code HEAD}, closing when asked. */
		FullHttpResponse response(boolean head, boolean closes) {
			var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
					head || bytes.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes), headers,
					EmptyHttpHeaders.INSTANCE);
			if (sized) {
				response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
			}
			if (closes) {
				response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
			}
			return response;
		}

	}

	/** {@code Date} and what Spring Security's header writer adds to every answer. */
	static HttpHeaders headers() {
		var headers = new DefaultHttpHeaders();
		headers.set(HttpHeaderNames.DATE, now());
		headers.set(NOSNIFF_NAME, NOSNIFF);
		headers.set(FRAME_OPTIONS_NAME, DENY);
		headers.set(XSS_PROTECTION_NAME, ZERO);
		return headers;
	}

	/** A problem written as {@link Problems#write} writes it. */
	static Body problem(JsonMapper json, ProblemDetail problem, @Nullable String path) {
		if (problem.getInstance() == null && path != null) {
			problem.setInstance(Problems.instance(path));
		}
		var headers = headers();
		headers.set(HttpHeaderNames.CACHE_CONTROL, "no-store");
		headers.set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		return new Body(problem.getStatus(), headers, json.writeValueAsBytes(problem), true);
	}

	/** An advice's answer, written as the MVC exception resolvers write it. */
	static Body advised(JsonMapper json, ResponseEntity<?> answer, String path) {
		var headers = headers();
		// What the security chain's cache-control writer adds to an error answer.
		headers.set(HttpHeaderNames.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate");
		headers.set(HttpHeaderNames.PRAGMA, "no-cache");
		headers.set(HttpHeaderNames.EXPIRES, "0");
		answer.getHeaders().forEach(headers::set);
		var content = answer.getBody();
		if (content == null) {
			return new Body(answer.getStatusCode().value(), headers, Reply.EMPTY, false);
		}
		if (content instanceof ProblemDetail problem && problem.getInstance() == null) {
			problem.setInstance(Problems.instance(path));
		}
		if (!headers.contains(HttpHeaderNames.CONTENT_TYPE)) {
			headers.set(HttpHeaderNames.CONTENT_TYPE, content instanceof ProblemDetail
					? MediaType.APPLICATION_PROBLEM_JSON_VALUE : MediaType.APPLICATION_JSON_VALUE);
		}
		return new Body(answer.getStatusCode().value(), headers, json.writeValueAsBytes(content), true);
	}

	/** A fetch's answer. */
	static Body reply(Reply reply) {
		var headers = headers();
		reply.headers(headers::set);
		if (reply.contentType() != null) {
			headers.set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
		}
		return new Body(reply.status(), headers, reply.body(), reply.contentType() != null);
	}

	/**
	 * Throws, as the servlet chain's handlers would, for anything but a {@code GET} or
	 * {@code HEAD} of the bundle.
	 */
	static void requireBundleFetch(String path, HttpMethod method)
			throws NoResourceFoundException, HttpRequestMethodNotSupportedException {
		if (!path.equals(BundleDelivery.PATH)) {
			throw new NoResourceFoundException(org.springframework.http.HttpMethod.GET, path, path);
		}
		if (!HttpMethod.HEAD.equals(method) && !HttpMethod.GET.equals(method)) {
			throw new HttpRequestMethodNotSupportedException(method.name(), List.of("GET", "HEAD"));
		}
	}

	/** A 503 with {@code Retry-After}: for a poll that somehow never answered. */
	static Body retryAfter() {
		var headers = headers();
		headers.set(HttpHeaderNames.RETRY_AFTER, "1");
		return new Body(503, headers, Reply.EMPTY, true);
	}

	/**
	 * The answer to a failed request: a refused token is audited and answered 401 (503
	 * when its audit event can be neither queued nor written), anything else as the
	 * problem advices answer it on the server's port.
	 */
	static Body failure(AgentPort.Services services, Exception ex, PeerRequest bound, String path) {
		try {
			return answer(services, ex, bound, path);
		}
		catch (RuntimeException unaudited) {
			// A refusal whose audit event could not be written (the database away and the
			// audit queue full) is answered as that failure is, 503, as on the server's
			// port: never left unanswered.
			return answer(services, unaudited, bound, path);
		}
	}

	private static Body answer(AgentPort.Services services, Exception ex, PeerRequest bound, String path) {
		if (ex instanceof InvalidAccessToken refused) {
			services.credentials().refused(String.valueOf(refused.getMessage()), path);
			var body = problem(services.json(), AgentCredentials.refusal(), path);
			body.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, AgentCredentials.CHALLENGE);
			return body;
		}
		if (ex instanceof UnreadableQuery) {
			return problem(services.json(), Problems.of(HttpStatus.BAD_REQUEST, "bad-request", "Bad request",
					"The request's parameters could not be parsed"), path);
		}
		return advised(services.json(), services.problems().answer(ex, bound), path);
	}

	/** The first {@code wait} of the query, as the servlet API reads it. */
	static @Nullable String waitOf(String uri, int query) {
		if (query < 0) {
			return null;
		}
		List<String> values;
		try {
			values = new QueryStringDecoder(uri).parameters().get("wait");
		}
		catch (IllegalArgumentException ex) {
			throw new UnreadableQuery(ex);
		}
		return values == null || values.isEmpty() ? null : values.getFirst();
	}

	/** A query whose %-encoding cannot be read. */
	private static final class UnreadableQuery extends RuntimeException {

		UnreadableQuery(IllegalArgumentException cause) {
			super("unreadable query", cause, false, false);
		}

	}

	/** The second {@link #now} tells, since the epoch. */
	static long second() {
		return System.currentTimeMillis() / 1000;
	}

	static String now() {
		var second = second();
		var current = date;
		if (current.second() != second) {
			current = new Date(second, HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
			date = current;
		}
		return current.text();
	}

	private record Date(long second, String text) {
	}

}
