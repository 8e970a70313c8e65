package io.vaas.config;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface ConfigVersions extends JpaRepository<ConfigVersion, UUID> {

	Optional<ConfigVersion> findByHeadIdAndNumber(UUID configId, long version);

	List<ConfigVersion> findByHeadIdOrderByNumber(UUID configId);

}
