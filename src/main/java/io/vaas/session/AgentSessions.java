package io.vaas.session;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface AgentSessions extends JpaRepository<AgentSession, UUID>,
		org.springframework.data.jpa.repository.JpaSpecificationExecutor<AgentSession> {

	List<AgentSession> findByNamespaceAndBundleNameOrderByCreatedAtDesc(String namespace, String bundleName);

	List<AgentSession> findBySeedId(UUID seedId);

	List<AgentSession> findByNamespaceAndBundleNameAndTrustName(String namespace, String bundleName, String trustName);

	/** Sessions revoked since a moment, with when they would have expired anyway. */
	@Query("select s.id, s.maxExpiresAt from AgentSession s where s.revokedAt is not null and s.revokedAt >= :since")
	List<Object[]> revokedSince(Instant since);

	@Query("select s.id, s.maxExpiresAt from AgentSession s where s.revokedAt is not null and s.maxExpiresAt > :now")
	List<Object[]> revokedAndUnexpired(Instant now);

	/**
	 * Which of the sessions stand at {@code now}: not revoked, not past their lifetime.
	 */
	@Query("select s.id from AgentSession s where s.id in :ids and s.revokedAt is null and s.maxExpiresAt > :now")
	List<UUID> activeAmong(java.util.Collection<UUID> ids, Instant now);

}
