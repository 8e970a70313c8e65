package io.vaas.keys;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The master key's check value, stored at first start and compared at every start after.
 */
@Entity
@Table(name = "key_check")
final class KeyCheck {

	@Id
	private int id;

	@Column(name = "check_value")
	private byte[] checkValue;

	@Column(name = "created_at")
	private Instant createdAt;

	protected KeyCheck() {
		// for JPA
	}

	KeyCheck(byte[] checkValue, Instant createdAt) {
		this.id = 1;
		this.checkValue = checkValue.clone();
		this.createdAt = createdAt;
	}

	byte[] checkValue() {
		return checkValue.clone();
	}

}
