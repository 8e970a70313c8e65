package io.vaas.logins;

import java.time.Instant;
import java.util.UUID;

import io.vaas.keys.WrappedKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * A login role made for a session, its password sealed by a KEK (associated data
 * {@code database-login/<id>}), with what it takes to drop it.
 */
@Entity
@Table(name = "database_logins")
final class IssuedLogin {

	static final String CREATING = "creating";

	static final String ACTIVE = "active";

	static final String FAILED = "failed";

	@Id
	private UUID id;

	private @Nullable String slot;

	private String state;

	@Column(name = "session_id")
	private UUID sessionId;

	private String namespace;

	private String bundle;

	private String entry;

	@Column(name = "role_name")
	private String roleName;

	private byte[] password;

	@Column(name = "kek_id")
	private UUID kekId;

	private String url;

	@Column(name = "admin_username")
	private String adminUsername;

	@Column(name = "admin_secret")
	private String adminSecret;

	@Column(name = "revocation_statements")
	private String revocationStatements;

	@Column(name = "expires_at")
	private Instant expiresAt;

	@Column(name = "renew_at")
	private Instant renewAt;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "dropped_at")
	private @Nullable Instant droppedAt;

	@Column(name = "drop_attempts")
	private int dropAttempts;

	protected IssuedLogin() {
		// for JPA
	}

	IssuedLogin(UUID id, String slot, UUID sessionId, String namespace, String bundle, String entry, String roleName,
			WrappedKey password, String url, String adminUsername, String adminSecret, String revocationStatements,
			Instant expiresAt, Instant renewAt, Instant now) {
		this.id = id;
		this.slot = slot;
		this.state = CREATING;
		this.sessionId = sessionId;
		this.namespace = namespace;
		this.bundle = bundle;
		this.entry = entry;
		this.roleName = roleName;
		this.password = password.sealed();
		this.kekId = password.kekId();
		this.url = url;
		this.adminUsername = adminUsername;
		this.adminSecret = adminSecret;
		this.revocationStatements = revocationStatements;
		this.expiresAt = expiresAt;
		this.renewAt = renewAt;
		this.createdAt = now;
	}

	static String context(UUID id) {
		return "database-login/" + id;
	}

	void active() {
		state = ACTIVE;
	}

	/** Its statements failed: nothing was made (they run in one transaction). */
	void failed(Instant now) {
		state = FAILED;
		slot = null;
		droppedAt = now;
	}

	/** A new login replaces it; it is dropped at its expiry. */
	void replaced() {
		slot = null;
	}

	void dropped(Instant now) {
		droppedAt = now;
		slot = null;
	}

	void dropFailed() {
		dropAttempts++;
	}

	UUID id() {
		return id;
	}

	String state() {
		return state;
	}

	UUID sessionId() {
		return sessionId;
	}

	String namespace() {
		return namespace;
	}

	String bundle() {
		return bundle;
	}

	String entry() {
		return entry;
	}

	String roleName() {
		return roleName;
	}

	WrappedKey password() {
		return new WrappedKey(kekId, password);
	}

	String url() {
		return url;
	}

	String adminUsername() {
		return adminUsername;
	}

	String adminSecret() {
		return adminSecret;
	}

	String revocationStatements() {
		return revocationStatements;
	}

	Instant expiresAt() {
		return expiresAt;
	}

	Instant renewAt() {
		return renewAt;
	}

	Instant createdAt() {
		return createdAt;
	}

	int dropAttempts() {
		return dropAttempts;
	}

}
