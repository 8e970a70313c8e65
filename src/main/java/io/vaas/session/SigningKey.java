package io.vaas.session;

import java.time.Instant;
import java.util.UUID;

import io.vaas.keys.WrappedKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/** An ES256 signing key: public JWK in the clear, private JWK sealed by a KEK. */
@Entity
@Table(name = "signing_keys")
final class SigningKey {

	static final String ACTIVE = "ACTIVE";

	static final String RETIRED = "RETIRED";

	@Id
	private String kid;

	@Column(name = "public_jwk")
	private String publicJwk;

	@Column(name = "private_key")
	private byte[] privateKey;

	@Column(name = "kek_id")
	private UUID kekId;

	private String status;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "retired_at")
	private @Nullable Instant retiredAt;

	protected SigningKey() {
		// for JPA
	}

	SigningKey(String kid, String publicJwk, WrappedKey privateKey, Instant now) {
		this.kid = kid;
		this.publicJwk = publicJwk;
		this.privateKey = privateKey.sealed();
		this.kekId = privateKey.kekId();
		this.status = ACTIVE;
		this.createdAt = now;
	}

	static String context(String kid) {
		return "signing-key/" + kid;
	}

	void retire(Instant now) {
		if (ACTIVE.equals(status)) {
			status = RETIRED;
			retiredAt = now;
		}
	}

	String kid() {
		return kid;
	}

	String publicJwk() {
		return publicJwk;
	}

	WrappedKey privateKey() {
		return new WrappedKey(kekId, privateKey);
	}

	Instant createdAt() {
		return createdAt;
	}

}
