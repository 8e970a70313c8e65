package io.vaas.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * The end of the hash chain: the last sequence number and hash. The sequencer locks this
 * one row ({@link AuditSequencer}), so events get consecutive numbers and each links to
 * the one before it.
 */
@Entity
@Table(name = "audit_head")
final class AuditHead {

	@Id
	private int id;

	@Column(name = "last_seq")
	private long lastSeq;

	@Column(name = "last_hash")
	private byte @Nullable [] lastHash;

	protected AuditHead() {
		// for JPA
	}

	long lastSeq() {
		return lastSeq;
	}

	/** The last event's hash, or the all-zero genesis hash before the first event. */
	byte[] lastHash() {
		return lastHash == null ? HashChain.GENESIS.clone() : lastHash.clone();
	}

}
