package io.vaas.session.web;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vaas.session.Exchange;
import io.vaas.session.SessionService;
import io.vaas.session.VerifiedToken;
import io.vaas.shared.DatabaseFailures;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The agents' token endpoints: RFC 8693 exchange (form-encoded or JSON) and renewal. */
@RestController
@RequestMapping(path = "/api/v1/auth", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Agent authentication", description = "Seed exchange (RFC 8693) and access-token renewal")
class AuthController {

	private final SessionService sessions;

	AuthController(SessionService sessions) {
		this.sessions = sessions;
	}

	@PostMapping(path = "/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	@Operation(summary = "Exchange a seed for an access token (RFC 8693, form-encoded)",
			description = "grant_type=urn:ietf:params:oauth:grant-type:token-exchange, subject_token=<seed>, "
					+ "subject_token_type=urn:vaas:params:token-type:seed. Errors are RFC 6749 JSON.")
	ResponseEntity<Map<String, Object>> exchangeForm(@RequestParam MultiValueMap<String, String> form,
			HttpServletRequest request) {
		if (request.getQueryString() != null || form.values().stream().anyMatch(values -> values.size() > 1)) {
			// A seed in the URL would land in access logs; a repeated parameter is
			// ambiguous.
			return answer(
					sessions.malformedExchange(request.getRemoteAddr(), "parameters go in the form body, each once"));
		}
		return answer(sessions.exchange(form.getFirst("grant_type"), form.getFirst("subject_token"),
				form.getFirst("subject_token_type"), request.getRemoteAddr()));
	}

	@PostMapping(path = "/token", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Exchange a seed for an access token (RFC 8693 parameters as JSON)")
	ResponseEntity<Map<String, Object>> exchangeJson(@RequestBody ExchangeRequest body, HttpServletRequest request) {
		if (request.getQueryString() != null) {
			return answer(sessions.malformedExchange(request.getRemoteAddr(), "parameters go in the body"));
		}
		return answer(sessions.exchange(body.grantType(), body.subjectToken(), body.subjectTokenType(),
				request.getRemoteAddr()));
	}

	/**
	 * Any other body type (or none) still gets an RFC 6749 answer, audited and throttled,
	 * rather than a 415 problem.
	 */
	@PostMapping("/token")
	@io.swagger.v3.oas.annotations.Hidden
	ResponseEntity<Map<String, Object>> exchangeOther(HttpServletRequest request) {
		return answer(sessions.malformedExchange(request.getRemoteAddr(),
				"send the parameters form-encoded (application/x-www-form-urlencoded) or as JSON"));
	}

	@PostMapping("/renew")
	@Operation(summary = "A fresh access token for the same session, until its maximum lifetime")
	ResponseEntity<Map<String, Object>> renew(@AuthenticationPrincipal VerifiedToken token,
			HttpServletRequest request) {
		return answer(sessions.renew(token, request.getRemoteAddr()));
	}

	/**
	 * A body that cannot be read still gets an RFC 6749 answer, audited and throttled,
	 * never echoed.
	 */
	@ExceptionHandler({ HttpMessageNotReadableException.class, IllegalStateException.class })
	ResponseEntity<Map<String, Object>> unreadable(HttpServletRequest request) {
		return answer(sessions.malformedExchange(request.getRemoteAddr(), "the request body could not be read"));
	}

	/**
	 * The database is out of reach: RFC 6749's {@code temporarily_unavailable} with
	 * {@code Retry-After}, in the same shape as every other answer here.
	 */
	@ExceptionHandler({ org.springframework.dao.DataAccessException.class,
			org.springframework.transaction.TransactionException.class,
			jakarta.persistence.PersistenceException.class })
	ResponseEntity<Map<String, Object>> unavailable(RuntimeException ex) {
		if (!DatabaseFailures.isUnavailable(ex)) {
			throw ex;
		}
		DatabaseFailures.log(ex);
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(DatabaseFailures.RETRY_AFTER.toSeconds()))
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("error", "temporarily_unavailable", "error_description",
					"the server cannot reach its database; retry later"));
	}

	/** RFC 6749 §5.1/§5.2 shapes, never cached. */
	private static ResponseEntity<Map<String, Object>> answer(Exchange exchange) {
		var response = switch (exchange) {
			case Exchange.Issued issued -> ResponseEntity.ok()
				.body(Map.<String, Object>of("access_token", issued.accessToken(), "issued_token_type",
						"urn:ietf:params:oauth:token-type:access_token", "token_type", "Bearer", "expires_in",
						issued.expiresIn()));
			case Exchange.Refused refused -> ResponseEntity.badRequest()
				.body(Map.<String, Object>of("error", refused.error(), "error_description", refused.description()));
			case Exchange.Throttled throttled -> ResponseEntity.status(429)
				.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, throttled.retryAfter().toSeconds() + 1)))
				.body(Map.<String, Object>of("error", "slow_down", "error_description",
						"too many failed exchanges from this address; retry later"));
		};
		return ResponseEntity.status(response.getStatusCode())
			.headers(response.getHeaders())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.header(HttpHeaders.PRAGMA, "no-cache")
			.contentType(MediaType.APPLICATION_JSON)
			.body(response.getBody());
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record ExchangeRequest(@JsonProperty("grant_type") @Nullable String grantType,
			@JsonProperty("subject_token") @Nullable String subjectToken,
			@JsonProperty("subject_token_type") @Nullable String subjectTokenType) {

		@Override
		public String toString() {
			return "ExchangeRequest[grantType=" + grantType + ", subjectToken=redacted]";
		}

	}

}
