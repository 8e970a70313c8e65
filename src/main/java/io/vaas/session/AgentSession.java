package io.vaas.session;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/* Only changed columns are written: a concurrent revoke is never overwritten by a stale copy. */
@org.hibernate.annotations.DynamicUpdate
@Entity
@Table(name = "agent_sessions")
final class AgentSession implements org.springframework.data.domain.Persistable<java.util.UUID> {

	@Id
	private UUID id;

	private String namespace;

	private String method;

	@Column(name = "seed_id")
	private @Nullable UUID seedId;

	@Column(name = "key_id")
	private @Nullable String keyId;

	@Column(name = "trust_name")
	private @Nullable String trustName;

	private @Nullable String issuer;

	private @Nullable String subject;

	@Column(name = "kubernetes_namespace")
	private @Nullable String kubernetesNamespace;

	@Column(name = "service_account")
	private @Nullable String serviceAccount;

	private @Nullable String pod;

	@Column(name = "bundle_id")
	private UUID bundleId;

	@Column(name = "bundle_name")
	private String bundleName;

	private String areas;

	@Column(name = "client_address")
	private @Nullable String clientAddress;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "last_seen_at")
	private Instant lastSeenAt;

	@Column(name = "max_expires_at")
	private Instant maxExpiresAt;

	@Column(name = "last_digest_fetched")
	private @Nullable String lastDigestFetched;

	@Column(name = "last_digest_applied")
	private @Nullable String lastDigestApplied;

	@Column(name = "last_revision_fetched")
	private @Nullable Long lastRevisionFetched;

	@Column(name = "last_revision_applied")
	private @Nullable Long lastRevisionApplied;

	@Column(name = "applied_at")
	private @Nullable Instant appliedAt;

	@Column(name = "revoked_at")
	private @Nullable Instant revokedAt;

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

	Instant createdAt() {
		return createdAt;
	}

	@Override
	public java.util.UUID getId() {
		return id;
	}

	@jakarta.persistence.PostLoad
	@jakarta.persistence.PostPersist
	void stored() {
		fresh = false;
	}

	protected AgentSession() {
		// for JPA
	}

	AgentSession(Verification.Granted grant, @Nullable String clientAddress, Instant now) {
		this.id = UUID.randomUUID();
		this.namespace = grant.namespace();
		var origin = grant.origin();
		this.method = origin.method();
		this.seedId = origin.seed();
		this.keyId = "key".equals(origin.method()) ? origin.seedId() : null;
		this.trustName = origin.trust();
		this.issuer = origin.issuer();
		this.subject = origin.subject();
		if (origin.kubernetes() != null) {
			this.kubernetesNamespace = origin.kubernetes().namespace();
			this.serviceAccount = origin.kubernetes().serviceAccount();
			this.pod = origin.kubernetes().pod();
		}
		this.bundleId = grant.bundleId();
		this.bundleName = grant.bundleName();
		this.areas = String.join(",", grant.areas().stream().map(area -> area.label()).toList());
		this.clientAddress = clientAddress;
		this.createdAt = now;
		this.lastSeenAt = now;
		this.maxExpiresAt = now.plus(grant.maxSessionLifetime());
	}

	void seen(Instant now, @Nullable String address) {
		lastSeenAt = now;
		if (address != null) {
			clientAddress = address;
		}
	}

	void fetched(String digest, long revision, Instant now) {
		lastDigestFetched = digest;
		lastRevisionFetched = revision;
		lastSeenAt = now;
	}

	void applied(String digest, Instant now) {
		lastDigestApplied = digest;
		// The revision is known when the agent applied what it last fetched.
		lastRevisionApplied = digest.equals(lastDigestFetched) ? lastRevisionFetched : null;
		appliedAt = now;
		lastSeenAt = now;
	}

	boolean revoke(Instant now) {
		if (revokedAt != null) {
			return false;
		}
		revokedAt = now;
		return true;
	}

	boolean activeAt(Instant now) {
		return revokedAt == null && now.isBefore(maxExpiresAt);
	}

	UUID id() {
		return id;
	}

	String namespace() {
		return namespace;
	}

	String bundleName() {
		return bundleName;
	}

	java.util.List<String> areaList() {
		return java.util.List.of(areas.split(","));
	}

	Instant maxExpiresAt() {
		return maxExpiresAt;
	}

	@Nullable Instant revokedAt() {
		return revokedAt;
	}

	Origin origin() {
		var workload = kubernetesNamespace == null && serviceAccount == null && pod == null ? null
				: new Origin.Workload(kubernetesNamespace, serviceAccount, pod);
		var shownId = keyId != null ? keyId : seedId != null ? seedId.toString() : null;
		return new Origin(method, seedId, shownId, trustName, issuer, subject, workload);
	}

	SessionView view(Instant now) {
		return new SessionView(id, origin(), bundleName, areaList(), clientAddress, createdAt, lastSeenAt, maxExpiresAt,
				lastDigestFetched, lastRevisionFetched, lastDigestApplied, lastRevisionApplied, appliedAt, revokedAt,
				revokedAt != null ? "revoked" : activeAt(now) ? "active" : "expired");
	}

}
