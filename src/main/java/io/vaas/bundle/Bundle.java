package io.vaas.bundle;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "bundles")
class Bundle {

	@Id
	private UUID id;

	private String namespace;

	private String name;

	@Column(name = "latest_revision")
	private long latestRevision;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "updated_at")
	private Instant updatedAt;

	protected Bundle() {
		// for JPA
	}

	Bundle(String namespace, String name, Instant now) {
		this.id = UUID.randomUUID();
		this.namespace = namespace;
		this.name = name;
		this.latestRevision = 0;
		this.createdAt = now;
		this.updatedAt = now;
	}

	long advance(Instant now) {
		latestRevision++;
		updatedAt = now;
		return latestRevision;
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

	long latestRevision() {
		return latestRevision;
	}

	BundleRef ref() {
		return new BundleRef(id, namespace, name);
	}

}
