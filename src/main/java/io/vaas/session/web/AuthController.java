package io.vaas.session.web;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.vaas.session.Exchange;
import io.vaas.session.TokenExchange;
import io.vaas.session.TokenRequest;
import io.vaas.session.SessionRenewal;
import io.vaas.session.VerifiedToken;
import io.vaas.shared.DatabaseFailures;
import io.vaas.shared.FailureThrottle;
import io.vaas.shared.Problems;
import io.vaas.shared.PublicUrl;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
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
class AuthController {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AuthController.class);

	private final TokenExchange exchanges;

	private final SessionRenewal renewal;

	private final PublicUrl publicUrl;

	/**
	 * Where agents fetch their bundles when not from the server's URL
	 * ({@code vaas.agents.bundle-server}: the agents' port as agents reach it), told them
	 * with each access token; {@code null} when not set.
	 */
	private final @Nullable String bundleServer;

	AuthController(TokenExchange exchanges, SessionRenewal renewal, PublicUrl publicUrl,
			@Value("${vaas.agents.bundle-server:}") String bundleServer) {
		this.bundleServer = BundleServer.parse(bundleServer);
		this.exchanges = exchanges;
		this.renewal = renewal;
		this.publicUrl = publicUrl;
	}

	@PostMapping(path = "/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	@Operation(summary = "Exchange a seed, an identity token or a key assertion for an access token")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(
			content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
					schema = @Schema(implementation = ExchangeRequest.class)))
	ResponseEntity<Object> exchangeForm(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> form,
			HttpServletRequest request) {
		if (request.getQueryString() != null || form.values().stream().anyMatch(values -> values.size() > 1)) {
			// A seed in the URL would land in access logs; a repeated parameter is
			// ambiguous.
			return answer(
					exchanges.malformedExchange(request.getRemoteAddr(), "parameters go in the form body, each once"));
		}
		return answer(exchanges.exchange(new TokenRequest(form.getFirst("grant_type"), form.getFirst("subject_token"),
				form.getFirst("subject_token_type"), form.getFirst("resource"), form.getFirst("assertion"),
				publicUrl.tokenEndpoint(request)), request.getRemoteAddr()));
	}

	@PostMapping(path = "/token", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Exchange a seed, an identity token or a key assertion (the same parameters as JSON)")
	ResponseEntity<Object> exchangeJson(@RequestBody ExchangeRequest body, HttpServletRequest request) {
		if (request.getQueryString() != null) {
			return answer(exchanges.malformedExchange(request.getRemoteAddr(), "parameters go in the body"));
		}
		return answer(
				exchanges.exchange(
						new TokenRequest(body.grantType(), body.subjectToken(), body.subjectTokenType(),
								body.resource(), body.assertion(), publicUrl.tokenEndpoint(request)),
						request.getRemoteAddr()));
	}

	/**
	 * Any other body type (or none) still gets an RFC 6749 answer, audited and throttled,
	 * rather than a 415 problem.
	 */
	@PostMapping("/token")
	@io.swagger.v3.oas.annotations.Hidden
	ResponseEntity<Object> exchangeOther(HttpServletRequest request) {
		return answer(exchanges.malformedExchange(request.getRemoteAddr(),
				"send the parameters form-encoded (application/x-www-form-urlencoded) or as JSON"));
	}

	@PostMapping("/renew")
	@Operation(summary = "A fresh access token for the same session, until its maximum lifetime")
	ResponseEntity<Object> renew(@AuthenticationPrincipal VerifiedToken token, HttpServletRequest request) {
		return answer(renewal.renew(token, request.getRemoteAddr()));
	}

	/**
	 * A body that cannot be read still gets an RFC 6749 answer, audited and throttled,
	 * never echoed.
	 */
	@ExceptionHandler({ HttpMessageNotReadableException.class, IllegalStateException.class })
	ResponseEntity<Object> unreadable(HttpServletRequest request, Exception ex) {
		// The class only: a message could quote the body. A bug shows up here too.
		log.warn("event=token_request_unreadable exception={}", ex.getClass().getName());
		return answer(exchanges.malformedExchange(request.getRemoteAddr(), "the request body could not be read"));
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

	/**
	 * RFC 6749 §5.1/§5.2 shapes, never cached; a 429 is a problem that carries the RFC
	 * 6749 {@code error} too.
	 */
	private ResponseEntity<Object> answer(Exchange exchange) {
		var response = ResponseEntity.status(status(exchange))
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.header(HttpHeaders.PRAGMA, "no-cache");
		return switch (exchange) {
			case Exchange.Issued issued -> response.contentType(MediaType.APPLICATION_JSON)
				.body(BundleServer.told(bundleServer,
						Map.of("access_token", issued.accessToken(), "issued_token_type",
								"urn:ietf:params:oauth:token-type:access_token", "token_type", "Bearer", "expires_in",
								issued.expiresIn())));
			case Exchange.Refused refused -> response.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("error", refused.error(), "error_description", refused.description()));
			case Exchange.Throttled throttled -> {
				var seconds = FailureThrottle.retryAfterSeconds(throttled.retryAfter());
				var problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-failures", "Too many failed attempts",
						"Too many failed attempts from this client or with this credential; retry after " + seconds
								+ " s. A valid credential is always accepted.");
				problem.setProperty("error", "slow_down");
				problem.setProperty("error_description", problem.getDetail());
				yield response.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
					.contentType(MediaType.APPLICATION_PROBLEM_JSON)
					.body(problem);
			}
			case Exchange.Unavailable unavailable ->
				response.header(HttpHeaders.RETRY_AFTER, Long.toString(unavailable.retryAfter().toSeconds()))
					.contentType(MediaType.APPLICATION_JSON)
					.body(Map.of("error", "temporarily_unavailable", "error_description",
							"the credential cannot be checked now; retry later"));
		};
	}

	private static HttpStatus status(Exchange exchange) {
		return switch (exchange) {
			case Exchange.Issued issued -> HttpStatus.OK;
			case Exchange.Refused refused -> HttpStatus.BAD_REQUEST;
			case Exchange.Throttled throttled -> HttpStatus.TOO_MANY_REQUESTS;
			case Exchange.Unavailable unavailable -> HttpStatus.SERVICE_UNAVAILABLE;
		};
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record ExchangeRequest(@JsonProperty("grant_type") @Nullable String grantType,
			@JsonProperty("subject_token") @Nullable String subjectToken,
			@JsonProperty("subject_token_type") @Nullable String subjectTokenType,
			@JsonProperty("resource") @Nullable String resource,
			@JsonProperty("assertion") @Nullable String assertion) {

		@Override
		public String toString() {
			return "ExchangeRequest[grantType=" + grantType + ", subjectToken=redacted, resource=" + resource
					+ ", assertion=" + (assertion == null ? "null" : "redacted") + "]";
		}

	}

}
