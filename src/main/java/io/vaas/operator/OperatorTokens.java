package io.vaas.operator;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface OperatorTokens extends JpaRepository<OperatorToken, UUID> {

	Optional<OperatorToken> findByTokenHash(byte[] tokenHash);

	Optional<OperatorToken> findFirstByBootstrapTrueOrderByCreatedAtDesc();

	List<OperatorToken> findAllByOrderByCreatedAt();

	boolean existsByNameAndRevokedAtIsNull(String name);

}
