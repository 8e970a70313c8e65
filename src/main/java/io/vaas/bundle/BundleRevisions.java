package io.vaas.bundle;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface BundleRevisions extends JpaRepository<BundleRevision, UUID> {

	Optional<BundleRevision> findByHeadIdAndNumber(UUID bundleId, long revision);

	List<BundleRevision> findByHeadIdOrderByNumber(UUID bundleId);

}
