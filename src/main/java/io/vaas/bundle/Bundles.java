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

}
