package io.vaas.trust.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vaas.shared.NamespaceName;
import io.vaas.shared.ResourceName;
import io.vaas.trust.TrustRequest;
import io.vaas.trust.TrustService;
import io.vaas.trust.TrustView;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/namespaces/{ns}/bundles/{bundle}/trusts", produces = "application/json")
@Tag(name = "Trusts",
		description = "Workload identities (OIDC or Kubernetes tokens) that may get a session on a bundle")
class TrustController {

	static final String KUBERNETES = """
			{"issuer":"https://kubernetes.default.svc.cluster.local",
			 "jwksUri":"https://kubernetes.default.svc.cluster.local/openid/v1/jwks",
			 "audiences":["vaas"], "subject":"system:serviceaccount:shop:*",
			 "claims":{"/kubernetes.io/namespace":"shop"},
			 "areas":["configuration","secret"], "ttl":"PT15M"}""";

	static final String GITHUB_ACTIONS = """
			{"issuer":"https://token.actions.githubusercontent.com",
			 "audiences":["vaas"], "subject":"repo:acme/shop:ref:refs/heads/main",
			 "claims":{"repository_owner":"acme","workflow_ref":"acme/shop/.github/workflows/deploy.yml@*"},
			 "areas":["configuration"], "ttl":"PT10M"}""";

	private final TrustService trusts;

	TrustController(TrustService trusts) {
		this.trusts = trusts;
	}

	@PutMapping(path = "/{name}", consumes = "application/json")
	@Operation(
			summary = "Create or replace a trust: tokens of this issuer, audience, subject and claims may "
					+ "get a session on the bundle (editor)",
			description = "The issuer and jwksUri are https URLs; without jwksUri or jwks the keys are found by "
					+ "OIDC discovery at the issuer. subject is a glob ('*' for any); claims map a top-level "
					+ "claim or a JSON Pointer to an exact value or glob. A body that breaks a rule is a 400 "
					+ "problem (invalid-trust) naming the field.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = TrustRequest.class),
					examples = {
							@ExampleObject(name = "kubernetes", summary = "A Kubernetes service-account token",
									value = KUBERNETES),
							@ExampleObject(name = "github-actions", summary = "A GitHub Actions OIDC token",
									value = GITHUB_ACTIONS) }))
	@ApiResponse(responseCode = "201", description = "Created")
	@ApiResponse(responseCode = "200", description = "Replaced")
	ResponseEntity<TrustView> put(@PathVariable NamespaceName ns, @PathVariable ResourceName bundle,
			@PathVariable ResourceName name, @RequestBody TrustRequest body) {
		var put = trusts.put(ns, bundle, name, body);
		return ResponseEntity.status(put.created() ? HttpStatus.CREATED : HttpStatus.OK).body(put.trust());
	}

	@GetMapping
	@Operation(summary = "The bundle's trusts, by name")
	List<TrustView> list(@PathVariable NamespaceName ns, @PathVariable ResourceName bundle) {
		return trusts.list(ns, bundle);
	}

	@GetMapping("/{name}")
	@Operation(summary = "One trust")
	TrustView get(@PathVariable NamespaceName ns, @PathVariable ResourceName bundle, @PathVariable ResourceName name) {
		return trusts.get(ns, bundle, name);
	}

	@DeleteMapping("/{name}")
	@ApiResponse(responseCode = "204", description = "Trust deleted: its tokens are refused from now on")
	@Operation(summary = "Delete a trust (editor)")
	ResponseEntity<Void> delete(@PathVariable NamespaceName ns, @PathVariable ResourceName bundle,
			@PathVariable ResourceName name) {
		trusts.delete(ns, bundle, name);
		return ResponseEntity.noContent().build();
	}

}
