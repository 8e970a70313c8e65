package io.vaas.trust;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A trust as stored: its bundle, its name and its definition as JSON. */
@Entity
@Table(name = "trusts")
final class Trust {

	@Id
	private UUID id;

	private String namespace;

	@Column(name = "bundle_id")
	private UUID bundleId;

	@Column(name = "bundle_name")
	private String bundleName;

	private String name;

	private byte[] definition;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "created_by")
	private String createdBy;

	@Column(name = "updated_at")
	private Instant updatedAt;

	@Column(name = "updated_by")
	private String updatedBy;

	protected Trust() {
		// for JPA
	}

	Trust(String namespace, UUID bundleId, String bundleName, String name, byte[] definition, Instant now, String by) {
		this.id = UUID.randomUUID();
		this.namespace = namespace;
		this.bundleId = bundleId;
		this.bundleName = bundleName;
		this.name = name;
		this.definition = definition.clone();
		this.createdAt = now;
		this.createdBy = by;
		this.updatedAt = now;
		this.updatedBy = by;
	}

	void replace(byte[] definition, Instant now, String by) {
		this.definition = definition.clone();
		this.updatedAt = now;
		this.updatedBy = by;
	}

	UUID id() {
		return id;
	}

	String bundleName() {
		return bundleName;
	}

	String name() {
		return name;
	}

	byte[] definition() {
		return definition.clone();
	}

	Instant createdAt() {
		return createdAt;
	}

	String createdBy() {
		return createdBy;
	}

	Instant updatedAt() {
		return updatedAt;
	}

	String updatedBy() {
		return updatedBy;
	}

}
