package io.vaas.keys;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface Keks extends JpaRepository<Kek, UUID> {

	@Query("select k from Kek k where k.status = 'PRIMARY'")
	Optional<Kek> findPrimary();

	/** Locks the primary row, so two rotations take turns. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select k from Kek k where k.status = 'PRIMARY'")
	Optional<Kek> lockPrimary();

	List<Kek> findAllByOrderByCreatedAt();

}
