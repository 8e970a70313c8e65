package io.vaas.config;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface Configs extends JpaRepository<Config, java.util.UUID> {

	Optional<Config> findByNamespaceAndName(String namespace, String name);

	/**
	 * Locks the config row so that writers to one config take turns (SELECT … FOR
	 * UPDATE).
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select c from Config c where c.namespace = :namespace and c.name = :name")
	Optional<Config> lockByNamespaceAndName(String namespace, String name);

	List<Config> findByNamespaceOrderByName(String namespace);

}
