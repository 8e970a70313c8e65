package io.vaas.namespace;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "namespaces")
final class Namespace implements org.springframework.data.domain.Persistable<String> {

	@Id
	private String name;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "created_by")
	private String createdBy;

	/**
	 * New instances are inserted (persist), never merged: a duplicate key fails instead
	 * of overwriting.
	 */
	@jakarta.persistence.Transient
	private boolean fresh = true;

	@Override
	public boolean isNew() {
		return fresh;
	}

	@Override
	public String getId() {
		return name;
	}

	@jakarta.persistence.PostLoad
	@jakarta.persistence.PostPersist
	void stored() {
		fresh = false;
	}

	protected Namespace() {
		// for JPA
	}

	Namespace(String name, Instant createdAt, String createdBy) {
		this.name = name;
		this.createdAt = createdAt;
		this.createdBy = createdBy;
	}

	NamespaceView view() {
		return new NamespaceView(name, createdAt, createdBy);
	}

}
