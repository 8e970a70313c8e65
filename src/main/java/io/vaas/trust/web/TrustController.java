package io.vaas.trust.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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
class TrustController {

	private final TrustService trusts;

	TrustController(TrustService trusts) {
		this.trusts = trusts;
	}

	@PutMapping(path = "/{name}", consumes = "application/json")
	@Operation(summary = "Create or replace a trust: tokens of this issuer, audience, subject and claims may "
			+ "get a session on the bundle (editor)")
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
