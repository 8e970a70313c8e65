package io.vaas.operator;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface OperatorTokens extends JpaRepository<OperatorToken, UUID> {

	Optional<OperatorToken> findByTokenHash(byte[] tokenHash);

	Optional<OperatorToken> findFirstByBootstrapTrueOrderByCreatedAtDesc();

	List<OperatorToken> findAllByOrderByCreatedAt();

	/** Whether a token of that name still works (neither revoked nor expired). */
	@Query("select count(t) > 0 from OperatorToken t where t.name = :name and t.revokedAt is null "
			+ "and (t.expiresAt is null or t.expiresAt > :now)")
	boolean existsActiveNamed(String name, Instant now);

}
