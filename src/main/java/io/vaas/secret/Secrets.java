package io.vaas.secret;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface Secrets extends JpaRepository<Secret, UUID> {

	Optional<Secret> findByNamespaceAndName(String namespace, String name);

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select s from Secret s where s.namespace = :namespace and s.name = :name")
	Optional<Secret> lockByNamespaceAndName(String namespace, String name);

	List<Secret> findByNamespaceOrderByName(String namespace);

}
