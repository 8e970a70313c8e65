package io.vaas.bundle;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface Bundles extends JpaRepository<Bundle, UUID> {

	Optional<Bundle> findByNamespaceAndName(String namespace, String name);

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select b from Bundle b where b.namespace = :namespace and b.name = :name")
	Optional<Bundle> lockByNamespaceAndName(String namespace, String name);

	List<Bundle> findByNamespaceOrderByName(String namespace);

	/**
	 * One page of a namespace's bundles by name, after the given name (keyset paging).
	 */
	List<Bundle> findByNamespaceAndNameGreaterThanOrderByName(String namespace, String after,
			org.springframework.data.domain.Limit limit);

	/**
	 * Records a delivery render failure; writes only when it differs from the recorded
	 * one.
	 */
	@org.springframework.data.jpa.repository.Modifying
	@Query("""
			update Bundle b set b.renderFailure = :failure, b.renderFailedRevision = :revision, b.renderFailedAt = :at
			where b.namespace = :namespace and b.name = :name and (b.renderFailure is null
			  or b.renderFailure <> :failure or b.renderFailedRevision <> :revision)""")
	int renderFailed(String namespace, String name, String failure, long revision, java.time.Instant at);

	@org.springframework.data.jpa.repository.Modifying
	@Query("""
			update Bundle b set b.renderFailure = null, b.renderFailedRevision = null, b.renderFailedAt = null
			where b.namespace = :namespace and b.name = :name and b.renderFailure is not null""")
	int rendered(String namespace, String name);

}
