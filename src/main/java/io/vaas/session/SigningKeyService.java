package io.vaas.session;

import java.util.Map;

import io.vaas.audit.AuditEntry;
import io.vaas.audit.AuditLog;
import io.vaas.operator.Access;

import org.springframework.stereotype.Service;

/**
 * The signing keys as operators and agents see them: the JWK Set that verifies access
 * tokens and bundle signatures, and rotation (superusers only, audited).
 */
@Service
public class SigningKeyService {

	private final SigningKeyRing ring;

	private final Access access;

	private final AuditLog audit;

	SigningKeyService(SigningKeyRing ring, Access access, AuditLog audit) {
		this.ring = ring;
		this.access = access;
		this.audit = audit;
	}

	/** The public keys that verify access tokens, as a JWK Set. */
	public Map<String, Object> jwks() {
		return ring.jwks();
	}

	/**
	 * Makes a new signing key current; the old one stays published until its tokens
	 * expire.
	 */
	public String rotate() {
		var actor = access.requireSuperuser();
		var kid = ring.rotate();
		audit.record(AuditEntry.success(actor, "signing-key.rotate", null, kid, null));
		return kid;
	}

}
