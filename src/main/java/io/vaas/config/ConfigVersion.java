package io.vaas.config;

import java.time.Instant;
import java.util.UUID;

import io.vaas.shared.VersionRow;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/** One immutable version of a config: content, author, time and comment. */
@Entity
@Table(name = "config_versions")
@AttributeOverride(name = "headId", column = @Column(name = "config_id"))
final class ConfigVersion extends VersionRow {

	private byte[] data;

	protected ConfigVersion() {
		// for JPA
	}

	ConfigVersion(UUID configId, long version, byte[] data, String author, Instant createdAt,
			@Nullable String comment) {
		super(UUID.randomUUID(), configId, version, author, createdAt, comment);
		this.data = data.clone();
	}

	long version() {
		return number();
	}

	byte[] data() {
		return data.clone();
	}

}
