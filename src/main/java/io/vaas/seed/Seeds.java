package io.vaas.seed;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface Seeds extends JpaRepository<Seed, UUID> {

	Optional<Seed> findByTokenHash(byte[] tokenHash);

	List<Seed> findByNamespaceOrderByCreatedAtDesc(String namespace);

	/**
	 * Loads and locks a key seed in one query: an assertion and a revoke of one seed take
	 * turns, and the assertion sees the revoke.
	 */
	@org.springframework.data.jpa.repository.Lock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
	@Query("select s from Seed s where s.keyId = :keyId")
	Optional<Seed> lockByKeyId(String keyId);

	boolean existsByKeyId(String keyId);

	/** Locks the row, so a revoke and an exchange of one seed take turns. */
	@org.springframework.data.jpa.repository.Lock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
	@Query("select s from Seed s where s.id = :id")
	Optional<Seed> lockById(UUID id);

	/**
	 * Takes one use, atomically: of concurrent exchanges of a single-use seed exactly one
	 * updates the row; the others wait for its lock, then find no use left.
	 */
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("""
			update Seed s set s.usesLeft = s.usesLeft - 1, s.lastUsedAt = :now
			where s.id = :id and s.usesLeft > 0 and s.revokedAt is null and s.expiresAt > :now""")
	int consume(UUID id, Instant now);

}
