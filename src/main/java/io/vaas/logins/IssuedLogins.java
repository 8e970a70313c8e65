package io.vaas.logins;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface IssuedLogins extends JpaRepository<IssuedLogin, UUID> {

	Optional<IssuedLogin> findBySlot(String slot);

	/** The sessions that have logins not dropped yet. */
	@Query("select distinct l.sessionId from IssuedLogin l where l.droppedAt is null")
	List<UUID> liveSessions();

	/**
	 * Logins due by time: expired, or left half-made; those whose drops failed least
	 * first.
	 */
	@Query("select l from IssuedLogin l where l.droppedAt is null and (l.expiresAt <= :now"
			+ " or (l.state = 'creating' and l.createdAt < :halfMadeBefore)) order by l.dropAttempts, l.createdAt")
	List<IssuedLogin> dueByTime(Instant now, Instant halfMadeBefore, Pageable page);

	/** Logins of sessions that ended, not dropped yet and not being made. */
	@Query("select l from IssuedLogin l where l.droppedAt is null and l.state <> 'creating'"
			+ " and l.sessionId in :sessions order by l.dropAttempts, l.createdAt")
	List<IssuedLogin> liveOf(Collection<UUID> sessions, Pageable page);

	/**
	 * Marks a login made, unless the reaper dropped it or another caller took it over.
	 */
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update IssuedLogin l set l.state = 'active' where l.id = :id and l.state = 'creating'"
			+ " and l.droppedAt is null and l.slot is not null")
	int activate(UUID id);

	/** Dropped logins kept a while for the record, then deleted. */
	@Modifying
	@Query("delete from IssuedLogin l where l.droppedAt < :before")
	int purgeDroppedBefore(Instant before);

	@Query("select l.kekId, count(l) from IssuedLogin l group by l.kekId")
	List<Object[]> countByKek();

	@Query("select l from IssuedLogin l where l.kekId <> :kekId and l.id > :after order by l.id")
	List<IssuedLogin> wrappedByOtherThan(UUID kekId, UUID after, Pageable page);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update IssuedLogin l set l.password = :sealed, l.kekId = :newKek where l.id = :id and l.kekId = :oldKek")
	int replace(UUID id, UUID oldKek, UUID newKek, byte[] sealed);

}
