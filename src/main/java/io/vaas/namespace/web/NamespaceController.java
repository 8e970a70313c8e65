package io.vaas.namespace.web;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.vaas.namespace.NamespaceService;
import io.vaas.namespace.NamespaceView;
import io.vaas.shared.NamespaceName;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/namespaces", produces = "application/json")
class NamespaceController {

	private final NamespaceService namespaces;

	NamespaceController(NamespaceService namespaces) {
		this.namespaces = namespaces;
	}

	@PutMapping("/{ns}")
	@ApiResponse(responseCode = "201", description = "Namespace created")
	@ApiResponse(responseCode = "200", description = "Namespace already existed")
	@Operation(summary = "Create a namespace (idempotent: 201 when created, 200 when it existed)")
	ResponseEntity<NamespaceView> create(@PathVariable NamespaceName ns) {
		var ensured = namespaces.ensure(ns);
		return ensured.created()
				? ResponseEntity.created(URI.create("/api/v1/namespaces/" + ns)).body(ensured.namespace())
				: ResponseEntity.ok(ensured.namespace());
	}

	@GetMapping
	@Operation(summary = "List the namespaces the caller may read")
	List<NamespaceView> list() {
		return namespaces.visible();
	}

	@GetMapping("/{ns}")
	@Operation(summary = "Get one namespace")
	NamespaceView get(@PathVariable NamespaceName ns) {
		return namespaces.get(ns);
	}

}
