package io.vaas.session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface SigningKeys extends JpaRepository<SigningKey, String> {

	/** The newest active key signs. */
	Optional<SigningKey> findFirstByStatusOrderByCreatedAtDesc(String status);

	List<SigningKey> findByStatus(String status);

	/** Locks the active keys, so two rotations take turns. */
	@org.springframework.data.jpa.repository.Lock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
	@Query("select k from SigningKey k where k.status = 'ACTIVE'")
	List<SigningKey> lockActive();

	/**
	 * Keys to publish: active ones and those retired recently enough that their tokens
	 * may live.
	 */
	@Query("select k from SigningKey k where k.status = 'ACTIVE' or k.retiredAt > :since order by k.createdAt")
	List<SigningKey> published(Instant since);

	@Query("select k.kekId, count(k) from SigningKey k group by k.kekId")
	List<Object[]> countByKek();

	@Query("select k from SigningKey k where k.kekId <> :kekId and k.kid > :after order by k.kid")
	List<SigningKey> wrappedByOtherThan(UUID kekId, String after, Pageable page);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update SigningKey k set k.privateKey = :sealed, k.kekId = :newKek where k.kid = :kid and k.kekId = :oldKek")
	int replace(String kid, UUID oldKek, UUID newKek, byte[] sealed);

}
