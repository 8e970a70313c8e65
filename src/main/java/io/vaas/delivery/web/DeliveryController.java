package io.vaas.delivery.web;

import java.io.IOException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.vaas.delivery.DeliveryService;
import io.vaas.session.AgentCredentials;
import io.vaas.session.VerifiedToken;
import io.vaas.shared.Problems;
import io.vaas.shared.Texts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * What agents fetch with their access token (verified by the session module's agent
 * security chain), and the digest they report as applied.
 */
@RestController
class DeliveryController {

	static final int MAX_DIGEST = 100;

	private final DeliveryService service;

	private final BundleDelivery delivery;

	private final AgentCredentials credentials;

	DeliveryController(DeliveryService service, BundleDelivery delivery, AgentCredentials credentials) {
		this.service = service;
		this.delivery = delivery;
		this.credentials = credentials;
	}

	/**
	 * A {@code GET} is answered by {@link BundleDeliveryFilter} before it gets here
	 * (unless {@code vaas.agents.direct-delivery=false}); this mapping answers the rest
	 * (such as {@code HEAD}) with the same code, and describes the endpoint.
	 */
	@GetMapping(path = BundleDelivery.PATH, produces = { MediaType.APPLICATION_JSON_VALUE, "application/x-tar" })
	@Operation(summary = "The session's bundle, rendered for its areas: a JSON manifest (base64 contents) or a tar",
			parameters = {
					@Parameter(name = "wait", in = ParameterIn.QUERY,
							description = "Seconds to hold the request until the digest differs from If-None-Match "
									+ "(at most vaas.agents.max-wait, default 60)",
							schema = @Schema(type = "integer", format = "int32")),
					@Parameter(name = HttpHeaders.IF_NONE_MATCH, in = ParameterIn.HEADER,
							description = "The digest the agent has, as an entity tag",
							schema = @Schema(type = "string")),
					@Parameter(name = HttpHeaders.ACCEPT, in = ParameterIn.HEADER,
							description = "application/json (the default) or application/x-tar",
							schema = @Schema(type = "string")) },
			responses = {
					@ApiResponse(responseCode = "200",
							description = "The bundle; ETag, X-Vaas-Digest, "
									+ "X-Vaas-Revision and X-Vaas-Signature headers",
							content = {
									@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
											schema = @Schema(implementation = Manifest.class)),
									@Content(mediaType = "application/x-tar",
											schema = @Schema(type = "string", format = "binary")) }),
					@ApiResponse(responseCode = "304", description = "The agent has this digest already"),
					@ApiResponse(responseCode = "406", description = "Accept takes neither JSON nor a tar",
							content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
									schema = @Schema(implementation = ProblemDetail.class))) })
	void bundle(@AuthenticationPrincipal VerifiedToken token, HttpServletRequest request, HttpServletResponse response)
			throws IOException, HttpMediaTypeNotAcceptableException {
		delivery.deliver(token, request, response);
	}

	@PostMapping(path = "/api/v1/agent/applied", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ApiResponse(responseCode = "204", description = "Recorded", content = @Content)
	@Operation(summary = "Record the bundle digest the agent applied; 'bundle' (namespace/name), when sent, "
			+ "must be the token's bundle")
	ResponseEntity<?> applied(@AuthenticationPrincipal VerifiedToken token, @RequestBody Applied body,
			HttpServletRequest request) {
		if (body.bundle() != null && !body.bundle().equals(token.qualifiedBundle())) {
			credentials.refused("token for another bundle", request.getRequestURI());
			return Problems.response(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
					"This access token is for another bundle");
		}
		if (body.digest() == null || body.digest().isBlank() || body.digest().length() > MAX_DIGEST) {
			return ResponseEntity.unprocessableContent()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "validation-failed", "Validation failed",
						"digest is required, at most " + MAX_DIGEST + " characters"));
		}
		Texts.check("digest", body.digest(), MAX_DIGEST);
		service.applied(token, body.digest(), request.getRemoteAddr());
		return ResponseEntity.noContent().build();
	}

	record Applied(@Nullable String digest, @Nullable String bundle) {
	}

}
