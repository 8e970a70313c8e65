package io.vaas.trust;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface Trusts extends JpaRepository<Trust, UUID> {

	Optional<Trust> findByBundleIdAndName(UUID bundleId, String name);

	List<Trust> findByBundleIdOrderByName(UUID bundleId);

}
