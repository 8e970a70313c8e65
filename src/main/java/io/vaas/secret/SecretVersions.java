package io.vaas.secret;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface SecretVersions extends JpaRepository<SecretVersion, UUID> {

	Optional<SecretVersion> findByHeadIdAndNumber(UUID secretId, long version);

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select v from SecretVersion v where v.headId = :secretId and v.number = :version")
	Optional<SecretVersion> lockBySecretIdAndVersion(UUID secretId, long version);

	List<SecretVersion> findByHeadIdOrderByNumber(UUID secretId);

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select v from SecretVersion v where v.id = :id")
	Optional<SecretVersion> lockById(UUID id);

	/** Live data keys per KEK. */
	@Query("select v.kekId, count(v) from SecretVersion v where v.kekId is not null group by v.kekId")
	List<Object[]> countByKek();

	/**
	 * Live data keys wrapped by another KEK, with what is needed to rebuild their
	 * context.
	 */
	@Query("""
			select v.id, s.namespace, s.name, v.number, v.kekId, v.wrappedKey
			from SecretVersion v join Secret s on s.id = v.headId
			where v.kekId is not null and v.kekId <> :kekId and v.id > :after order by v.id""")
	List<Object[]> wrappedByOtherThan(UUID kekId, UUID after, Pageable page);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("""
			update SecretVersion v set v.wrappedKey = :wrapped, v.kekId = :newKek
			where v.id = :id and v.kekId = :oldKek""")
	int replaceWrappedKey(UUID id, UUID oldKek, UUID newKek, byte[] wrapped);

}
