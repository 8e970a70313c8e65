package io.vaas.pki;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface StoredCertificates extends JpaRepository<StoredCertificate, UUID> {

	Optional<StoredCertificate> findBySlot(String slot);

	/** The roots a trust bundle holds: the current one and those replaced recently. */
	@Query("select c from StoredCertificate c where c.kind = 'root' and (c.slot is not null or c.trustedUntil > :now)"
			+ " order by c.createdAt")
	List<StoredCertificate> trustedRoots(Instant now);

	/** The current intermediates: a new root makes new ones. */
	@Query("select c from StoredCertificate c where c.kind = 'intermediate' and c.slot is not null")
	List<StoredCertificate> currentIntermediates();

	/** Leaves past their validity: their keys are of no use to anyone any more. */
	@Modifying
	@Query("delete from StoredCertificate c where c.kind = 'leaf' and c.notAfter < :now")
	int deleteExpiredLeaves(Instant now);

	/** Deletes a leaf, if another caller has not done so already. */
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("delete from StoredCertificate c where c.kind = 'leaf' and c.id = :id")
	int deleteLeaf(UUID id);

	@Query("select c.kekId, count(c) from StoredCertificate c group by c.kekId")
	List<Object[]> countByKek();

	@Query("select c from StoredCertificate c where c.kekId <> :kekId and c.id > :after order by c.id")
	List<StoredCertificate> wrappedByOtherThan(UUID kekId, UUID after, Pageable page);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update StoredCertificate c set c.privateKey = :sealed, c.kekId = :newKek where c.id = :id and c.kekId = :oldKek")
	int replace(UUID id, UUID oldKek, UUID newKek, byte[] sealed);

}
