package io.vaas.shared;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import org.jspecify.annotations.Nullable;

/**
 * The one shape of a version row (a config version, a secret version, a bundle revision):
 * immutable, numbered from 1 by its {@link VersionedHead#advance head}, with who made it,
 * when and why. Subclasses add the content and map the columns their table names
 * differently with {@code @AttributeOverride} ({@code headId} to {@code config_id},
 * {@code number} to {@code revision}, …).
 */
@MappedSuperclass
public abstract class VersionRow {

	@Id
	private UUID id;

	/** The head row it belongs to. */
	@Column(name = "head_id")
	private UUID headId;

	@Column(name = "version")
	private long number;

	@Column(name = "author")
	private String author;

	@Column(name = "created_at")
	private Instant createdAt;

	private @Nullable String comment;

	protected VersionRow() {
		// for JPA
	}

	protected VersionRow(UUID id, UUID headId, long number, String author, Instant createdAt,
			@Nullable String comment) {
		if (number < 1) {
			throw new IllegalArgumentException("versions are numbered from 1");
		}
		this.id = id;
		this.headId = headId;
		this.number = number;
		this.author = author;
		this.createdAt = createdAt;
		this.comment = comment;
	}

	public UUID id() {
		return id;
	}

	public UUID headId() {
		return headId;
	}

	/** Its number: 1 for the first, then up by one. */
	public long number() {
		return number;
	}

	public String author() {
		return author;
	}

	public Instant createdAt() {
		return createdAt;
	}

	public @Nullable String comment() {
		return comment;
	}

}
