package io.vaas.secret;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A secret's identity and its latest version number. */
@Entity
@Table(name = "secrets")
class Secret {

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

	protected Secret() {
		// for JPA
	}

	Secret(String namespace, String name, Instant now) {
		this.id = UUID.randomUUID();
		this.namespace = namespace;
		this.name = name;
		this.latestVersion = 0;
		this.createdAt = now;
		this.updatedAt = now;
	}

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
