package io.vaas.keys;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface Keks extends JpaRepository<Kek, UUID> {

	@Query("select k from Kek k where k.status = 'PRIMARY'")
	Optional<Kek> findPrimary();

	List<Kek> findAllByOrderByCreatedAt();

}
