package io.vaas.operator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/** An operator token as stored: its hash, never its value. */
@Entity
@Table(name = "operator_tokens")
final class OperatorToken {

	@Id
	private UUID id;

	private String name;

	@Column(name = "token_hash")
	private byte[] tokenHash;

	private boolean bootstrap;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "created_by")
	private String createdBy;

	@Column(name = "expires_at")
	private @Nullable Instant expiresAt;

	@Column(name = "revoked_at")
	private @Nullable Instant revokedAt;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "operator_token_grants", joinColumns = @JoinColumn(name = "token_id"))
	private List<StoredGrant> grants = new ArrayList<>();

	protected OperatorToken() {
		// for JPA
	}

	OperatorToken(String name, byte[] tokenHash, boolean bootstrap, List<Grant> grants, Instant createdAt,
			String createdBy, @Nullable Instant expiresAt) {
		this.id = UUID.randomUUID();
		this.name = name;
		this.tokenHash = tokenHash.clone();
		this.bootstrap = bootstrap;
		this.createdAt = createdAt;
		this.createdBy = createdBy;
		this.expiresAt = expiresAt;
		grants.forEach(grant -> this.grants.add(new StoredGrant(grant.namespace(), grant.role().label())));
	}

	boolean isActiveAt(Instant now) {
		return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
	}

	void revoke(Instant now) {
		if (revokedAt == null) {
			revokedAt = now;
		}
	}

	/**
	 * The bootstrap token follows VAAS_BOOTSTRAP_ADMIN_TOKEN: a new value replaces the
	 * old one.
	 */
	void replaceHash(byte[] hash) {
		if (!java.security.MessageDigest.isEqual(tokenHash, hash)) {
			this.tokenHash = hash.clone();
			this.revokedAt = null;
		}
	}

	List<Grant> grants() {
		return grants.stream()
			.map(stored -> new Grant(stored.namespace, Role.fromLabel(stored.role).orElseThrow()))
			.toList();
	}

	OperatorPrincipal principal() {
		return new OperatorPrincipal(id, name, grants());
	}

	UUID id() {
		return id;
	}

	String name() {
		return name;
	}

	byte[] tokenHash() {
		return tokenHash.clone();
	}

	boolean bootstrap() {
		return bootstrap;
	}

	Instant createdAt() {
		return createdAt;
	}

	String createdBy() {
		return createdBy;
	}

	@Nullable Instant expiresAt() {
		return expiresAt;
	}

	@Nullable Instant revokedAt() {
		return revokedAt;
	}

	@Embeddable
	static class StoredGrant {

		private String namespace;

		private String role;

		protected StoredGrant() {
			// for JPA
		}

		StoredGrant(String namespace, String role) {
			this.namespace = namespace;
			this.role = role;
		}

	}

}
