package io.vaas.pki;

import java.time.Instant;
import java.util.UUID;

import io.vaas.keys.WrappedKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * A certificate the server made, with its private key sealed by a KEK (associated data
 * {@code pki/<id>}). {@code slot} names the current one of its kind; a replaced one has
 * none.
 */
@Entity
@Table(name = "pki_certificates")
final class StoredCertificate {

	static final String ROOT = "root";

	static final String INTERMEDIATE = "intermediate";

	static final String LEAF = "leaf";

	@Id
	private UUID id;

	private String kind;

	private @Nullable String slot;

	private @Nullable String namespace;

	@Column(name = "session_id")
	private @Nullable UUID sessionId;

	private String certificate;

	@Column(name = "private_key")
	private byte[] privateKey;

	@Column(name = "kek_id")
	private UUID kekId;

	@Column(name = "not_before")
	private Instant notBefore;

	@Column(name = "not_after")
	private Instant notAfter;

	@Column(name = "renew_at")
	private Instant renewAt;

	@Column(name = "trusted_until")
	private @Nullable Instant trustedUntil;

	@Column(name = "created_at")
	private Instant createdAt;

	protected StoredCertificate() {
		// for JPA
	}

	StoredCertificate(UUID id, String kind, String slot, @Nullable String namespace, @Nullable UUID sessionId,
			String certificate, WrappedKey privateKey, Instant notBefore, Instant notAfter, Instant renewAt,
			Instant now) {
		this.id = id;
		this.kind = kind;
		this.slot = slot;
		this.namespace = namespace;
		this.sessionId = sessionId;
		this.certificate = certificate;
		this.privateKey = privateKey.sealed();
		this.kekId = privateKey.kekId();
		this.notBefore = notBefore;
		this.notAfter = notAfter;
		this.renewAt = renewAt;
		this.createdAt = now;
	}

	static String context(UUID id) {
		return "pki/" + id;
	}

	/** Gives up its slot to its successor; a root stays trusted until {@code until}. */
	void replaced(@Nullable Instant until) {
		slot = null;
		trustedUntil = until;
	}

	UUID id() {
		return id;
	}

	String kind() {
		return kind;
	}

	@Nullable String slot() {
		return slot;
	}

	String certificate() {
		return certificate;
	}

	WrappedKey privateKey() {
		return new WrappedKey(kekId, privateKey);
	}

	Instant notAfter() {
		return notAfter;
	}

	Instant renewAt() {
		return renewAt;
	}

	@Nullable Instant trustedUntil() {
		return trustedUntil;
	}

	Instant createdAt() {
		return createdAt;
	}

}
