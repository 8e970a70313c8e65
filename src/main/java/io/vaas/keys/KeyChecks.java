package io.vaas.keys;

import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface KeyChecks extends JpaRepository<KeyCheck, Integer> {

	/**
	 * The row every change to the set of KEKs locks first, so such changes take turns.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select k from KeyCheck k where k.id = 1")
	Optional<KeyCheck> lock();

}
