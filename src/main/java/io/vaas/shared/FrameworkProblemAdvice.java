package io.vaas.shared;

import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one advice for framework errors: every exception Spring MVC raises for bad input
 * becomes a problem with a stable type and a detail that names the part that was wrong
 * but never echoes the input. Modules map their own exceptions in their {@code web}
 * packages; those advices run first.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class FrameworkProblemAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(FrameworkProblemAdvice.class);

	@ExceptionHandler(InvalidName.class)
	ResponseEntity<ProblemDetail> invalidName(InvalidName ex) {
		return Problems.response(HttpStatus.BAD_REQUEST, "invalid-name", "Invalid name", ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> conflict(VersionConflict ex) {
		var response = Problems.response(HttpStatus.PRECONDITION_FAILED, "version-conflict", "Version conflict",
				ex.getMessage());
		var current = ex.currentVersion();
		if (current == null) {
			return response;
		}
		response.getBody().setProperty("currentVersion", current);
		return ResponseEntity.status(response.getStatusCode())
			.headers(response.getHeaders())
			.eTag("\"" + current + "\"")
			.body(response.getBody());
	}

	@ExceptionHandler(Texts.InvalidText.class)
	ResponseEntity<ProblemDetail> invalidText(Texts.InvalidText ex) {
		return Problems.response(HttpStatus.UNPROCESSABLE_CONTENT, "validation-failed", "Validation failed",
				ex.getMessage());
	}

	/**
	 * Tomcat refuses to parse parameters (bad %-encoding, too many): the client's fault,
	 * and never logged.
	 */
	@ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
	ResponseEntity<ProblemDetail> unparsableParameters() {
		return Problems.response(HttpStatus.BAD_REQUEST, "bad-request", "Bad request",
				"The request's parameters could not be parsed");
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex) {
		if (DatabaseFailures.isUnavailable(ex)) {
			DatabaseFailures.log(ex);
			return DatabaseFailures.response();
		}
		var incident = UUID.randomUUID();
		// The exception type and stack go to the log only; the client gets an incident
		// id.
		log.error("event=unexpected_error incident={} exception={}", incident, ex.getClass().getName(), ex);
		return Problems.response(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
				"The server failed to handle this request; incident " + incident + " is in its log");
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (causedBy(ex, RequestTooLarge.class) != null) {
			return handleExceptionInternal(ex, null, headers, HttpStatus.CONTENT_TOO_LARGE, request);
		}
		return super.handleHttpMessageNotReadable(ex, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		if (status.value() == HttpStatus.UNPROCESSABLE_CONTENT.value() || ex instanceof MethodArgumentNotValidException
				|| ex instanceof HandlerMethodValidationException) {
			status = HttpStatus.UNPROCESSABLE_CONTENT;
		}
		var problem = describe(ex, HttpStatus.valueOf(status.value()));
		if (ex instanceof HttpMediaTypeNotAcceptableException) {
			// The Accept header that cannot be served (or parsed) cannot choose the
			// problem's type either: it is set, not negotiated.
			var preset = new HttpHeaders();
			preset.addAll(headers);
			preset.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
			headers = preset;
		}
		return super.handleExceptionInternal(ex, problem, headers, status, request);
	}

	private ProblemDetail describe(Exception ex, HttpStatus status) {
		return switch (ex) {
			case HttpMessageNotReadableException e when status == HttpStatus.CONTENT_TOO_LARGE ->
				RequestSizeLimitFilter.tooLarge(((RequestTooLarge) causedBy(e, RequestTooLarge.class)).limit());
			case HttpMessageNotReadableException e ->
				Problems.of(status, "malformed-request", "Malformed request body", UnreadableBodies.describe(e));
			case HttpRequestMethodNotSupportedException e ->
				Problems.of(status, "method-not-allowed", "Method not allowed",
						"This resource does not support " + e.getMethod()
								+ (e.getSupportedHttpMethods() == null ? ""
										: "; it supports " + e.getSupportedHttpMethods()
											.stream()
											.map(Object::toString)
											.collect(Collectors.joining(", "))));
			case HttpMediaTypeNotSupportedException e -> Problems.of(status, "unsupported-media-type",
					"Unsupported media type", "Send the body as one of: " + e.getSupportedMediaTypes());
			case HttpMediaTypeNotAcceptableException e -> Problems.of(status, "not-acceptable", "Not acceptable",
					"This resource can answer with: " + e.getSupportedMediaTypes());
			case MissingServletRequestParameterException e -> Problems.of(status, "missing-parameter",
					"Missing parameter", "Query parameter '" + e.getParameterName() + "' is required");
			case MissingRequestHeaderException e -> Problems.of(status, "missing-header", "Missing header",
					"Header '" + e.getHeaderName() + "' is required");
			case TypeMismatchException e when causedBy(e, InvalidName.class) != null ->
				Problems.of(status, "invalid-name", "Invalid name", causedBy(e, InvalidName.class).getMessage());
			case TypeMismatchException e -> Problems.of(status, "invalid-parameter", "Invalid parameter",
					"Parameter '" + e.getPropertyName() + "' must be "
							+ (e.getRequiredType() == null ? "well-formed" : describeType(e.getRequiredType())));
			case MethodArgumentNotValidException e -> Problems.of(status, "validation-failed", "Validation failed",
					e.getFieldErrors()
						.stream()
						.map(error -> error.getField() + ": " + error.getDefaultMessage())
						.sorted()
						.collect(Collectors.joining("; ")));
			case HandlerMethodValidationException e -> Problems.of(status, "validation-failed", "Validation failed",
					e.getParameterValidationResults()
						.stream()
						.map(result -> result.getMethodParameter().getParameterName() + ": "
								+ result.getResolvableErrors().getFirst().getDefaultMessage())
						.collect(Collectors.joining("; ")));
			case NoResourceFoundException e -> notFound(status);
			case NoHandlerFoundException e -> notFound(status);
			case AsyncRequestTimeoutException e ->
				Problems.of(status, "timeout", "Timed out", "The request took too long to answer");
			default -> Problems.of(status, Slugs.of(status), status.getReasonPhrase(),
					"The request could not be handled (" + status.getReasonPhrase() + ")");
		};
	}

	private static ProblemDetail notFound(HttpStatus status) {
		return Problems.of(status, "not-found", "Not found", "No resource exists at this path");
	}

	private static String describeType(Class<?> type) {
		if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
			return "a whole number";
		}
		if (type == NamespaceName.class || type == ResourceName.class) {
			return "a valid name";
		}
		if (type == java.time.Instant.class) {
			return TimeRanges.INSTANT_RULE;
		}
		if (type == java.util.UUID.class) {
			return "a UUID";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "true or false";
		}
		return "well-formed";
	}

	static <T extends Throwable> @Nullable T causedBy(Throwable ex, Class<T> type) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
			if (t.getCause() == t) {
				break;
			}
		}
		return null;
	}

}
