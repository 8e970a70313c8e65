package io.vaas.session.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.vaas.session.SessionService;
import io.vaas.session.SessionView;
import io.vaas.session.SigningKeyService;
import io.vaas.shared.NamespaceName;
import io.vaas.shared.ResourceName;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operators' view of agent sessions, and signing-key rotation. */
@RestController
class SessionController {

	private final SessionService sessions;

	private final SigningKeyService signingKeys;

	SessionController(SessionService sessions, SigningKeyService signingKeys) {
		this.sessions = sessions;
		this.signingKeys = signingKeys;
	}

	@GetMapping(path = "/api/v1/namespaces/{ns}/agents", produces = "application/json")
	@Operation(summary = "The namespace's agent sessions, or one bundle's (?bundle=): how each was made, areas, "
			+ "address, last seen, the revision and digest fetched and applied")
	List<SessionView> list(@PathVariable NamespaceName ns,
			@RequestParam(required = false) @Nullable ResourceName bundle) {
		var all = sessions.list(ns);
		return bundle == null ? all : all.stream().filter(session -> session.bundle().equals(bundle.value())).toList();
	}

	@DeleteMapping("/api/v1/namespaces/{ns}/agents/{id}")
	@ApiResponse(responseCode = "204", description = "Session revoked")
	@Operation(
			summary = "Revoke a session: its tokens stop working on every replica within a second, and its waiting long-poll ends with 401")
	ResponseEntity<Void> revoke(@PathVariable NamespaceName ns, @PathVariable UUID id) {
		sessions.revoke(ns, id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping(path = "/api/v1/keys/signing/rotate", produces = "application/json")
	@Operation(summary = "Make a new access-token signing key current (admin on '*'); the old one stays "
			+ "published until its tokens have expired")
	Map<String, String> rotateSigningKey() {
		return Map.of("kid", signingKeys.rotate());
	}

}
