package io.vaas.config;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/** One immutable version of a config: content, author, time and comment. */
@Entity
@Table(name = "config_versions")
class ConfigVersion {

	@Id
	private UUID id;

	@Column(name = "config_id")
	private UUID configId;

	private long version;

	private byte[] data;

	private String author;

	@Column(name = "created_at")
	private Instant createdAt;

	private @Nullable String comment;

	protected ConfigVersion() {
		// for JPA
	}

	ConfigVersion(UUID configId, long version, byte[] data, String author, Instant createdAt,
			@Nullable String comment) {
		this.id = UUID.randomUUID();
		this.configId = configId;
		this.version = version;
		this.data = data.clone();
		this.author = author;
		this.createdAt = createdAt;
		this.comment = comment;
	}

	long version() {
		return version;
	}

	byte[] data() {
		return data.clone();
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
