package io.vaas.operator.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.vaas.operator.Grant;
import io.vaas.operator.InvalidTokenRequest;
import io.vaas.operator.OperatorTokenService;
import io.vaas.operator.Role;
import io.vaas.operator.TokenView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/tokens", produces = "application/json")
class TokenController {

	private final OperatorTokenService tokens;

	TokenController(OperatorTokenService tokens) {
		this.tokens = tokens;
	}

	@PostMapping(consumes = "application/json")
	@ApiResponse(responseCode = "201", description = "Token created; the value is shown this once")
	@Operation(summary = "Create a token; its value is in this response only")
	ResponseEntity<CreatedToken> create(@Valid @RequestBody TokenRequest request) {
		var grants = request.roles().stream().map(RoleRequest::toGrant).toList();
		var issued = tokens.create(request.name(), grants, request.expiresAt());
		return ResponseEntity.created(URI.create("/api/v1/tokens/" + issued.view().id()))
			.header("Cache-Control", "no-store")
			.body(new CreatedToken(issued.token(), TokenResponse.of(issued.view())));
	}

	@GetMapping
	@Operation(summary = "List the tokens the caller may manage (never their values)")
	List<TokenResponse> list() {
		return tokens.list().stream().map(TokenResponse::of).toList();
	}

	@DeleteMapping("/{id}")
	@ApiResponse(responseCode = "204", description = "Token revoked")
	@Operation(summary = "Revoke a token; it stops working at once")
	ResponseEntity<Void> revoke(@PathVariable UUID id) {
		tokens.revoke(id);
		return ResponseEntity.noContent().build();
	}

	record TokenRequest(@NotBlank String name, @NotNull @Valid List<@NotNull @Valid RoleRequest> roles,
			@Nullable Instant expiresAt) {
	}

	record RoleRequest(@NotBlank String namespace, @NotBlank String role) {

		Grant toGrant() {
			var parsed = Role.fromLabel(role)
				.orElseThrow(() -> new InvalidTokenRequest(
						"role must be one of admin, editor, secret-writer, secret-reader, viewer"));
			return new Grant(namespace, parsed);
		}

	}

	record RoleResponse(String namespace, String role) {
	}

	record TokenResponse(UUID id, String name, List<RoleResponse> roles, boolean bootstrap, Instant createdAt,
			String createdBy, @Nullable Instant expiresAt, @Nullable Instant revokedAt, String status) {

		static TokenResponse of(TokenView view) {
			return new TokenResponse(view.id(), view.name(),
					view.grants()
						.stream()
						.map(grant -> new RoleResponse(grant.namespace(), grant.role().label()))
						.toList(),
					view.bootstrap(), view.createdAt(), view.createdBy(), view.expiresAt(), view.revokedAt(),
					view.status());
		}

	}

	record CreatedToken(String token, TokenResponse details) {
	}

}
