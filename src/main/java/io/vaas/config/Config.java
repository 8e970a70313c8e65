package io.vaas.config;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A config's identity and its latest version number; the versions themselves are
 * immutable rows.
 */
@Entity
@Table(name = "configs")
class Config {

	@Id
	private UUID id;

	private String namespace;

	private String name;

	@Column(name = "latest_version")
	private long latestVersion;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "updated_at")
	private Instant updatedAt;

	protected Config() {
		// for JPA
	}

	Config(String namespace, String name, Instant now) {
		this.id = UUID.randomUUID();
		this.namespace = namespace;
		this.name = name;
		this.latestVersion = 1;
		this.createdAt = now;
		this.updatedAt = now;
	}

	/**
	 * Moves to the next version number and returns it; versions only ever go up by one.
	 */
	long advance(Instant now) {
		latestVersion++;
		updatedAt = now;
		return latestVersion;
	}

	UUID id() {
		return id;
	}

	String namespace() {
		return namespace;
	}

	String name() {
		return name;
	}

	long latestVersion() {
		return latestVersion;
	}

	Instant updatedAt() {
		return updatedAt;
	}

}
