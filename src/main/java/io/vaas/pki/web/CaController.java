package io.vaas.pki.web;

import io.swagger.v3.oas.annotations.Operation;
import io.vaas.pki.CertificateAuthority;
import io.vaas.shared.NamespaceName;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A namespace's trust bundle, and rotation of the root CA. */
@RestController
class CaController {

	static final String PEM_CHAIN = "application/pem-certificate-chain";

	private final CertificateAuthority authority;

	CaController(CertificateAuthority authority) {
		this.authority = authority;
	}

	@GetMapping(path = "/api/v1/namespaces/{ns}/ca", produces = PEM_CHAIN)
	@Operation(summary = "The trust bundle: the root certificates that verify this namespace's leaves (PEM)")
	ResponseEntity<String> trustBundle(@PathVariable NamespaceName ns) {
		return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(authority.trustBundle(ns));
	}

	@PostMapping(path = "/api/v1/keys/ca/rotate", produces = "application/json")
	@Operation(summary = "Make a new root CA current (admin on '*'); the old one stays in the trust bundles "
			+ "for vaas.pki.rotation-overlap")
	CertificateAuthority.Rotated rotate() {
		return authority.rotate();
	}

}
