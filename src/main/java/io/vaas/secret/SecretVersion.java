package io.vaas.secret;

import java.time.Instant;
import java.util.UUID;

import io.vaas.keys.WrappedKey;
import io.vaas.shared.VersionRow;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/** One encrypted version of a secret. */
@Entity
@Table(name = "secret_versions")
@AttributeOverride(name = "headId", column = @Column(name = "secret_id"))
@AttributeOverride(name = "author", column = @Column(name = "created_by"))
final class SecretVersion extends VersionRow {

	private String encoding;

	private byte[] ciphertext;

	@Column(name = "wrapped_key")
	private byte @Nullable [] wrappedKey;

	@Column(name = "kek_id")
	private @Nullable UUID kekId;

	@Column(name = "destroyed_at")
	private @Nullable Instant destroyedAt;

	@Column(name = "destroyed_by")
	private @Nullable String destroyedBy;

	protected SecretVersion() {
		// for JPA
	}

	SecretVersion(UUID id, UUID secretId, long version, SecretValue.Encoding encoding, SecretCipher.Sealed sealed,
			Instant createdAt, String createdBy, @Nullable String comment) {
		super(id, secretId, version, createdBy, createdAt, comment);
		this.encoding = encoding.label();
		this.ciphertext = sealed.ciphertext();
		this.wrappedKey = sealed.key().sealed();
		this.kekId = sealed.key().kekId();
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

	long version() {
		return number();
	}

	SecretValue.Encoding encoding() {
		return SecretValue.Encoding.of(encoding);
	}

	SecretVersionInfo info() {
		return new SecretVersionInfo(number(), encoding, createdAt(), author(), comment(), destroyedAt != null,
				destroyedAt, destroyedBy);
	}

}
