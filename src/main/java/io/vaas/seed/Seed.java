package io.vaas.seed;

import io.vaas.bundle.output.Area;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/** A seed as stored: the hash of its token, never the token. */
/*
 * Only changed columns are written: a concurrent revoke is never overwritten by a stale
 * copy.
 */
@org.hibernate.annotations.DynamicUpdate
@Entity
@Table(name = "seeds")
class Seed {

	@Id
	private UUID id;

	private String namespace;

	@Column(name = "bundle_id")
	private UUID bundleId;

	@Column(name = "bundle_name")
	private String bundleName;

	@Column(name = "token_hash")
	private byte[] tokenHash;

	private @Nullable String description;

	@Column(name = "uses_total")
	private int usesTotal;

	@Column(name = "uses_left")
	private int usesLeft;

	private String areas;

	@Column(name = "max_session_seconds")
	private long maxSessionSeconds;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "created_by")
	private String createdBy;

	@Column(name = "expires_at")
	private Instant expiresAt;

	@Column(name = "revoked_at")
	private @Nullable Instant revokedAt;

	@Column(name = "last_used_at")
	private @Nullable Instant lastUsedAt;

	protected Seed() {
		// for JPA
	}

	Seed(String namespace, UUID bundleId, String bundleName, byte[] tokenHash, @Nullable String description, int uses,
			List<Area> areas, Duration maxSession, Instant now, String createdBy, Instant expiresAt) {
		this.id = UUID.randomUUID();
		this.namespace = namespace;
		this.bundleId = bundleId;
		this.bundleName = bundleName;
		this.tokenHash = tokenHash.clone();
		this.description = description;
		this.usesTotal = uses;
		this.usesLeft = uses;
		this.areas = areas.stream().map(Area::label).collect(Collectors.joining(","));
		this.maxSessionSeconds = maxSession.toSeconds();
		this.createdAt = now;
		this.createdBy = createdBy;
		this.expiresAt = expiresAt;
	}

	void revoke(Instant now) {
		if (revokedAt == null) {
			revokedAt = now;
		}
	}

	String status(Instant now) {
		if (revokedAt != null) {
			return "revoked";
		}
		if (usesLeft <= 0) {
			return "used-up";
		}
		return now.isBefore(expiresAt) ? "active" : "expired";
	}

	SeedGrant grant() {
		return new SeedGrant(id, namespace, bundleId, bundleName, areaList(), Duration.ofSeconds(maxSessionSeconds));
	}

	SeedView view(Instant now) {
		return new SeedView(id, bundleName, description, usesTotal, Math.max(usesLeft, 0),
				areaList().stream().map(Area::label).toList(), Duration.ofSeconds(maxSessionSeconds), createdAt,
				createdBy, expiresAt, revokedAt, lastUsedAt, status(now));
	}

	private List<Area> areaList() {
		return Arrays.stream(areas.split(",")).map(label -> Area.of(label).orElseThrow()).toList();
	}

	UUID id() {
		return id;
	}

	String namespace() {
		return namespace;
	}

	byte[] tokenHash() {
		return tokenHash.clone();
	}

	int usesLeft() {
		return usesLeft;
	}

	int usesTotal() {
		return usesTotal;
	}

	@Nullable Instant revokedAt() {
		return revokedAt;
	}

	Instant expiresAt() {
		return expiresAt;
	}

}
