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
import io.vaas.shared.Texts;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
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

	static final int MAX_PAGE = 1000;

	private final SessionService sessions;

	private final SigningKeyService signingKeys;

	SessionController(SessionService sessions, SigningKeyService signingKeys) {
		this.sessions = sessions;
		this.signingKeys = signingKeys;
	}

	@GetMapping(path = "/api/v1/namespaces/{ns}/agents", produces = "application/json")
	@Operation(summary = "The namespace's agent sessions, or one bundle's (?bundle=), newest first, ?limit= at a time "
			+ "(1 to 1000, 1000 by default; a Link header names the next page): how each was made, areas, address, "
			+ "last seen, the revision and digest fetched and applied")
	ResponseEntity<List<SessionView>> list(@PathVariable NamespaceName ns,
			@RequestParam(required = false) @Nullable ResourceName bundle,
			@RequestParam(defaultValue = "1000") int limit, @RequestParam(required = false) @Nullable UUID after) {
		if (limit < 1 || limit > MAX_PAGE) {
			throw new Texts.InvalidText("limit must be between 1 and " + MAX_PAGE);
		}
		var found = sessions.page(ns, bundle == null ? null : bundle.value(), after, limit);
		if (found.size() <= limit) {
			return ResponseEntity.ok(found);
		}
		var page = found.subList(0, limit);
		// Relative to this page's own URL (RFC 8288 §3.2), so it holds behind a proxy
		// that
		// serves the API under a path prefix of its own.
		var next = "agents?limit=" + limit + "&after=" + page.getLast().id()
				+ (bundle == null ? "" : "&bundle=" + bundle.value());
		return ResponseEntity.ok().header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"").body(page);
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
