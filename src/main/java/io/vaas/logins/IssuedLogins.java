package io.vaas.logins;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface IssuedLogins extends JpaRepository<IssuedLogin, UUID> {

	Optional<IssuedLogin> findBySlot(String slot);

	/** Logins not dropped yet, oldest first: what the reaper looks at. */
	@Query("select l from IssuedLogin l where l.droppedAt is null order by l.createdAt")
	List<IssuedLogin> live(Pageable page);

	@Query("select l.kekId, count(l) from IssuedLogin l where l.droppedAt is null group by l.kekId")
	List<Object[]> countByKek();

	@Query("select l from IssuedLogin l where l.droppedAt is null and l.kekId <> :kekId and l.id > :after order by l.id")
	List<IssuedLogin> wrappedByOtherThan(UUID kekId, UUID after, Pageable page);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update IssuedLogin l set l.password = :sealed, l.kekId = :newKek where l.id = :id and l.kekId = :oldKek")
	int replace(UUID id, UUID oldKek, UUID newKek, byte[] sealed);

}
