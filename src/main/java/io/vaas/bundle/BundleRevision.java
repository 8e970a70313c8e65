package io.vaas.bundle;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "bundle_revisions")
class BundleRevision {

	@Id
	private UUID id;

	@Column(name = "bundle_id")
	private UUID bundleId;

	private long revision;

	private byte[] files;

	private String author;

	@Column(name = "created_at")
	private Instant createdAt;

	private @Nullable String comment;

	protected BundleRevision() {
		// for JPA
	}

	BundleRevision(UUID bundleId, long revision, byte[] files, String author, Instant createdAt,
			@Nullable String comment) {
		this.id = UUID.randomUUID();
		this.bundleId = bundleId;
		this.revision = revision;
		this.files = files.clone();
		this.author = author;
		this.createdAt = createdAt;
		this.comment = comment;
	}

	long revision() {
		return revision;
	}

	byte[] files() {
		return files.clone();
	}

	String author() {
		return author;
	}

	Instant createdAt() {
		return createdAt;
	}

	@Nullable String comment() {
		return comment;
	}

}
