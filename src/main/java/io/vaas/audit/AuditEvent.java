package io.vaas.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * One audit event as stored, with its place in the hash chain. Rows are only ever
 * inserted.
 */
@Entity
@Table(name = "audit_events")
final class AuditEvent implements org.springframework.data.domain.Persistable<Long> {

	@Id
	private long seq;

	@Column(name = "occurred_at")
	private Instant occurredAt;

	@Column(name = "actor_id")
	private String actorId;

	@Column(name = "actor_name")
	private String actorName;

	private String action;

	private @Nullable String namespace;

	private @Nullable String resource;

	private @Nullable Long version;

	@Column(name = "client_address")
	private @Nullable String clientAddress;

	private String outcome;

	private @Nullable String detail;

	@Column(name = "prev_hash")
	private byte[] prevHash;

	private byte[] hash;

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
	public Long getId() {
		return seq;
	}

	@jakarta.persistence.PostLoad
	@jakarta.persistence.PostPersist
	void stored() {
		fresh = false;
	}

	protected AuditEvent() {
		// for JPA
	}

	/** The waiting event given its place: right after the event whose hash is given. */
	AuditEvent(long seq, AuditInbox.Row row, byte[] prevHash) {
		this.seq = seq;
		this.occurredAt = row.occurredAt();
		this.actorId = row.actorId();
		this.actorName = row.actorName();
		this.action = row.action();
		this.namespace = row.namespace();
		this.resource = row.resource();
		this.version = row.version();
		this.clientAddress = row.clientAddress();
		this.outcome = row.outcome();
		this.detail = row.detail();
		this.prevHash = prevHash.clone();
		this.hash = HashChain.hash(this);
	}

	long seq() {
		return seq;
	}

	Instant occurredAt() {
		return occurredAt;
	}

	String actorId() {
		return actorId;
	}

	String actorName() {
		return actorName;
	}

	String action() {
		return action;
	}

	@Nullable String namespace() {
		return namespace;
	}

	@Nullable String resource() {
		return resource;
	}

	@Nullable Long version() {
		return version;
	}

	@Nullable String clientAddress() {
		return clientAddress;
	}

	String outcome() {
		return outcome;
	}

	@Nullable String detail() {
		return detail;
	}

	byte[] prevHash() {
		return prevHash.clone();
	}

	byte[] hash() {
		return hash.clone();
	}

	AuditView view() {
		return new AuditView(seq, occurredAt, actorId, actorName, action, namespace, resource, version, clientAddress,
				outcome, detail, HashChain.hex(hash));
	}

}
