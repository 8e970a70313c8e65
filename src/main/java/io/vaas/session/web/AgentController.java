package io.vaas.session.web;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.vaas.session.SigningKeyService;
import io.vaas.session.VerifiedToken;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What an access token grants, and the public keys that verify it. What agents fetch with
 * it is the delivery module's.
 */
@RestController
class AgentController {

	private final SigningKeyService signingKeys;

	AgentController(SigningKeyService signingKeys) {
		this.signingKeys = signingKeys;
	}

	@GetMapping(path = "/api/v1/agent/session", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "What the access token grants: session, bundle, areas, expiry (no database read)")
	SessionInfo session(@AuthenticationPrincipal VerifiedToken token) {
		return new SessionInfo(token.sessionId().toString(), token.qualifiedBundle(), token.areas(),
				token.expiresAt().toString());
	}

	@GetMapping(path = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Public keys that verify access tokens (and, later, bundle signatures)")
	ResponseEntity<Map<String, Object>> jwks() {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(1)))
			.body(signingKeys.jwks());
	}

	record SessionInfo(String session, String bundle, List<String> areas, String expiresAt) {
	}

}
