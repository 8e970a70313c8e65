package io.vaas.namespace;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "namespaces")
class Namespace {

	@Id
	private String name;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "created_by")
	private String createdBy;

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
