package io.vaas.keys;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/** A key-encryption key, stored sealed by the master key's wrapping key. */
@Entity
@Table(name = "keks")
final class Kek {

	enum Status {

		/** Wraps new data keys. */
		PRIMARY,

		/** Only unwraps data keys not yet re-wrapped. */
		RETIRED

	}

	@Id
	private UUID id;

	private byte[] sealed;

	private String status;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "retired_at")
	private @Nullable Instant retiredAt;

	protected Kek() {
		// for JPA
	}

	Kek(UUID id, byte[] sealed, Instant createdAt) {
		this.id = id;
		this.sealed = sealed.clone();
		this.status = Status.PRIMARY.name();
		this.createdAt = createdAt;
	}

	static String associatedData(UUID id) {
		return "vaas/kek/v1/" + id;
	}

	void retire(Instant now) {
		status = Status.RETIRED.name();
		retiredAt = now;
	}

	UUID id() {
		return id;
	}

	byte[] sealed() {
		return sealed.clone();
	}

	Status status() {
		return Status.valueOf(status);
	}

	Instant createdAt() {
		return createdAt;
	}

	@Nullable Instant retiredAt() {
		return retiredAt;
	}

}
