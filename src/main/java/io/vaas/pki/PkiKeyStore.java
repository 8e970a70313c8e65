package io.vaas.pki;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.vaas.keys.WrappedKey;
import io.vaas.keys.WrappedKeyStore;

import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Component;

/** Lets KEK rotation count and re-wrap the sealed private keys of the certificates. */
@Component
class PkiKeyStore implements WrappedKeyStore {

	private final StoredCertificates certificates;

	PkiKeyStore(StoredCertificates certificates) {
		this.certificates = certificates;
	}

	@Override
	public Map<UUID, Long> countByKek() {
		return certificates.countByKek()
			.stream()
			.collect(Collectors.toMap(row -> (UUID) row[0], row -> ((Number) row[1]).longValue()));
	}

	@Override
	public List<Stored> wrappedByOtherThan(UUID kekId, UUID after, int limit) {
		return certificates.wrappedByOtherThan(kekId, after, Pageable.ofSize(limit))
			.stream()
			.map(certificate -> new Stored(certificate.id(), StoredCertificate.context(certificate.id()),
					certificate.privateKey()))
			.toList();
	}

	@Override
	public boolean replace(Stored stored, WrappedKey replacement) {
		return certificates.replace(stored.id(), stored.key().kekId(), replacement.kekId(), replacement.sealed()) == 1;
	}

}
