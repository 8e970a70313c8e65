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

/**
 * A seed as stored: a token seed keeps the hash of its token, never the token; a key seed
 * (SPEC 7.2) keeps its public key and its id, the key's RFC 7638 thumbprint.
 */
/*
 * Only changed columns are written: a concurrent revoke is never overwritten by a stale
 * copy.
 */
@org.hibernate.annotations.DynamicUpdate
@Entity
@Table(name = "seeds")
final class Seed {

	@Id
	private UUID id;

	private String namespace;

	@Column(name = "bundle_id")
	private UUID bundleId;

	@Column(name = "bundle_name")
	private String bundleName;

	private String kind;

	@Column(name = "token_hash")
	private byte @Nullable [] tokenHash;

	@Column(name = "key_id")
	private @Nullable String keyId;

	@Column(name = "public_jwk")
	private @Nullable String publicJwk;

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
		this(SeedRules.TOKEN, namespace, bundleId, bundleName, description, uses, areas, maxSession, now, createdBy,
				expiresAt);
		this.tokenHash = tokenHash.clone();
	}

	/**
	 * A key seed: used until it expires or is revoked, by whoever holds the private key.
	 */
	static Seed key(String namespace, UUID bundleId, String bundleName, String keyId, String publicJwk,
			@Nullable String description, List<Area> areas, Duration maxSession, Instant now, String createdBy,
			Instant expiresAt) {
		var seed = new Seed(SeedRules.KEY, namespace, bundleId, bundleName, description, 0, areas, maxSession, now,
				createdBy, expiresAt);
		seed.keyId = keyId;
		seed.publicJwk = publicJwk;
		return seed;
	}

	private Seed(String kind, String namespace, UUID bundleId, String bundleName, @Nullable String description,
			int uses, List<Area> areas, Duration maxSession, Instant now, String createdBy, Instant expiresAt) {
		this.id = UUID.randomUUID();
		this.kind = kind;
		this.namespace = namespace;
		this.bundleId = bundleId;
		this.bundleName = bundleName;
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
		if (!isKey() && usesLeft <= 0) {
			return "used-up";
		}
		return now.isBefore(expiresAt) ? "active" : "expired";
	}

	SeedGrant grant() {
		return new SeedGrant(id, keyId, namespace, bundleId, bundleName, areaList(),
				Duration.ofSeconds(maxSessionSeconds));
	}

	/** A key seed was used (its uses are not counted). */
	void used(Instant now) {
		lastUsedAt = now;
	}

	SeedView view(Instant now) {
		var key = isKey();
		return new SeedView(key ? keyId : id.toString(), kind, bundleName, description, key ? null : usesTotal,
				key ? null : Math.max(usesLeft, 0), areaList().stream().map(Area::label).toList(),
				Duration.ofSeconds(maxSessionSeconds), createdAt, createdBy, expiresAt, revokedAt, lastUsedAt,
				status(now));
	}

	private List<Area> areaList() {
		return areaList(areas);
	}

	/** The areas as stored: labels separated by commas. */
	static List<Area> areaList(String stored) {
		return Arrays.stream(stored.split(",")).map(label -> Area.of(label).orElseThrow()).toList();
	}

	UUID id() {
		return id;
	}

	String namespace() {
		return namespace;
	}

	byte[] tokenHash() {
		return tokenHash == null ? new byte[0] : tokenHash.clone();
	}

	boolean isKey() {
		return SeedRules.KEY.equals(kind);
	}

	@Nullable String keyId() {
		return keyId;
	}

	/** A key seed's public key (a JWK); {@code null} for a token seed. */
	@Nullable String publicJwk() {
		return publicJwk;
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
