package io.vaas.bundle;

import java.time.Instant;
import java.util.UUID;

import io.vaas.shared.VersionRow;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/** One immutable revision of a bundle: its file entries, author, time and comment. */
@Entity
@Table(name = "bundle_revisions")
@AttributeOverride(name = "headId", column = @Column(name = "bundle_id"))
@AttributeOverride(name = "number", column = @Column(name = "revision"))
class BundleRevision extends VersionRow {

	private byte[] files;

	protected BundleRevision() {
		// for JPA
	}

	BundleRevision(UUID bundleId, long revision, byte[] files, String author, Instant createdAt,
			@Nullable String comment) {
		super(UUID.randomUUID(), bundleId, revision, author, createdAt, comment);
		this.files = files.clone();
	}

	long revision() {
		return number();
	}

	byte[] files() {
		return files.clone();
	}

}
