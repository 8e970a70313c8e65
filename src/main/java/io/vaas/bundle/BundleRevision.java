package io.vaas.bundle;

import java.time.Instant;
import java.util.UUID;

import io.vaas.shared.VersionRow;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * One immutable revision of a bundle: its file entries, the digest they rendered to when
 * it was saved, author, time and comment.
 */
@Entity
@Table(name = "bundle_revisions")
@AttributeOverride(name = "headId", column = @Column(name = "bundle_id"))
@AttributeOverride(name = "number", column = @Column(name = "revision"))
final class BundleRevision extends VersionRow {

	private byte[] files;

	private @Nullable String digest;

	protected BundleRevision() {
		// for JPA
	}

	BundleRevision(UUID bundleId, long revision, byte[] files, String digest, String author, Instant createdAt,
			@Nullable String comment) {
		super(UUID.randomUUID(), bundleId, revision, author, createdAt, comment);
		this.files = files.clone();
		this.digest = digest;
	}

	long revision() {
		return number();
	}

	/** The files' digest, every area rendered, when the revision was saved. */
	@Nullable String digest() {
		return digest;
	}

	byte[] files() {
		return files.clone();
	}

}
