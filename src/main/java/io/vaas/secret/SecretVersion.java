package io.vaas.secret;

import java.time.Instant;
import java.util.UUID;

import io.vaas.keys.WrappedKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/** One encrypted version of a secret. */
@Entity
@Table(name = "secret_versions")
class SecretVersion {

	@Id
	private UUID id;

	@Column(name = "secret_id")
	private UUID secretId;

	private long version;

	private String encoding;

	private byte[] ciphertext;

	@Column(name = "wrapped_key")
	private byte @Nullable [] wrappedKey;

	@Column(name = "kek_id")
	private @Nullable UUID kekId;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "created_by")
	private String createdBy;

	private @Nullable String comment;

	@Column(name = "destroyed_at")
	private @Nullable Instant destroyedAt;

	@Column(name = "destroyed_by")
	private @Nullable String destroyedBy;

	protected SecretVersion() {
		// for JPA
	}

	SecretVersion(UUID id, UUID secretId, long version, SecretValue.Encoding encoding, SecretCipher.Sealed sealed,
			Instant createdAt, String createdBy, @Nullable String comment) {
		this.id = id;
		this.secretId = secretId;
		this.version = version;
		this.encoding = encoding.label();
		this.ciphertext = sealed.ciphertext();
		this.wrappedKey = sealed.key().sealed();
		this.kekId = sealed.key().kekId();
		this.createdAt = createdAt;
		this.createdBy = createdBy;
		this.comment = comment;
	}

	/** The associated data a version is bound to: its namespace, name and version. */
	static String context(String namespace, String name, long version) {
		return namespace + "/" + name + "/" + version;
	}

	/**
	 * Crypto-shredding: without its wrapped data key the ciphertext can never be
	 * decrypted.
	 */
	void destroy(Instant now, String by) {
		if (destroyedAt == null) {
			wrappedKey = null;
			kekId = null;
			destroyedAt = now;
			destroyedBy = by;
		}
	}

	boolean destroyed() {
		return destroyedAt != null;
	}

	SecretCipher.@Nullable Sealed sealed() {
		if (wrappedKey == null || kekId == null) {
			return null;
		}
		return new SecretCipher.Sealed(ciphertext.clone(), new WrappedKey(kekId, wrappedKey.clone()));
	}

	UUID id() {
		return id;
	}

	long version() {
		return version;
	}

	SecretValue.Encoding encoding() {
		return SecretValue.Encoding.of(encoding);
	}

	SecretVersionInfo info() {
		return new SecretVersionInfo(version, encoding, createdAt, createdBy, comment, destroyedAt != null, destroyedAt,
				destroyedBy);
	}

}
