package io.vaas.shared;

import org.springframework.http.HttpStatus;

/** The problem type used when nothing more specific is known than the status. */
final class Slugs {

	private Slugs() {
	}

	static String of(HttpStatus status) {
		return switch (status) {
			case BAD_REQUEST -> "bad-request";
			case UNAUTHORIZED -> "unauthorized";
			case FORBIDDEN -> "forbidden";
			case NOT_FOUND -> "not-found";
			case METHOD_NOT_ALLOWED -> "method-not-allowed";
			case NOT_ACCEPTABLE -> "not-acceptable";
			case CONFLICT -> "conflict";
			case PRECONDITION_FAILED -> "precondition-failed";
			case CONTENT_TOO_LARGE -> "request-too-large";
			case UNSUPPORTED_MEDIA_TYPE -> "unsupported-media-type";
			case UNPROCESSABLE_CONTENT -> "validation-failed";
			case TOO_MANY_REQUESTS -> "too-many-requests";
			// Tomcat's answers to a CONNECT and to an unknown HTTP version: the
			// client's request, not a fault of the server.
			case NOT_IMPLEMENTED -> "not-implemented";
			case HTTP_VERSION_NOT_SUPPORTED -> "http-version-not-supported";
			default -> status.is5xxServerError() ? "internal-error" : "request-failed";
		};
	}

}
