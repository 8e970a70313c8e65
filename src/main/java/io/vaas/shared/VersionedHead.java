package io.vaas.shared;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/**
 * The one shape of a versioned thing's head row (a config, a secret, a bundle): its
 * identity in a namespace and the number of its latest version, while the versions
 * themselves are immutable rows of their own. A new head has no version yet; each
 * {@link #advance} makes the next one, so the first is 1 and numbers only ever go up by
 * one. Writers take turns on the head's row lock, so each number has exactly one writer.
 */
@MappedSuperclass
public abstract class VersionedHead {

	@Id
	private UUID id;

	private String namespace;

	private String name;

	/** Mapped to {@code latest_version}; a subclass may override the column. */
	@Column(name = "latest_version")
	private long latest;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "updated_at")
	private Instant updatedAt;

	protected VersionedHead() {
		// for JPA
	}

	protected VersionedHead(String namespace, String name, Instant now) {
		this.id = UUID.randomUUID();
		this.namespace = namespace;
		this.name = name;
		this.latest = 0;
		this.createdAt = now;
		this.updatedAt = now;
	}

	/** Moves to the next version number and returns it. */
	protected long advance(Instant now) {
		latest++;
		updatedAt = now;
		return latest;
	}

	public UUID id() {
		return id;
	}

	public String namespace() {
		return namespace;
	}

	public String name() {
		return name;
	}

	/** The latest version's number; 0 before the first. */
	protected long latest() {
		return latest;
	}

	public Instant createdAt() {
		return createdAt;
	}

	public Instant updatedAt() {
		return updatedAt;
	}

}
