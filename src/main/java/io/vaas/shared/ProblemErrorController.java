package io.vaas.shared;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the container's error dispatch ({@code /error}) with a problem instead of
 * Boot's default JSON: errors raised before MVC (the security firewall, the servlet
 * container, a filter) look like every other error, and never carry a stack trace.
 */
@RestController
class ProblemErrorController implements ErrorController {

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		var code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		var status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
		if (status == null) {
			// Called directly, not as an error dispatch: there is nothing here.
			status = HttpStatus.NOT_FOUND;
		}
		var exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		if (exception instanceof Throwable failure && DatabaseFailures.isUnavailable(failure)) {
			// A filter ahead of DatabaseOutageFilter needed the database.
			DatabaseFailures.log(failure);
			var unavailable = DatabaseFailures.response();
			if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
				unavailable.getBody().setInstance(Problems.instance(uri));
			}
			return unavailable;
		}
		var tooLarge = exception instanceof Throwable t ? FrameworkProblemAdvice.causedBy(t, RequestTooLarge.class)
				: null;
		if (tooLarge != null) {
			status = HttpStatus.CONTENT_TOO_LARGE;
		}
		var problem = switch (status) {
			case CONTENT_TOO_LARGE -> RequestSizeLimitFilter.tooLarge(tooLarge == null ? -1 : tooLarge.limit());
			case NOT_FOUND -> Problems.of(status, "not-found", "Not found", "No resource exists at this path");
			case BAD_REQUEST -> Problems.of(status, "bad-request", "Bad request",
					"The request was rejected before it reached the API (malformed or disallowed URL or headers)");
			default -> Problems.of(status, Slugs.of(status), status.getReasonPhrase(),
					"The request could not be handled (" + status.getReasonPhrase() + ")");
		};
		if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
			problem.setInstance(Problems.instance(uri));
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
