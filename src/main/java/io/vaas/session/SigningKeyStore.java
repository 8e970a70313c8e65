package io.vaas.session;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.vaas.keys.WrappedKey;
import io.vaas.keys.WrappedKeyStore;

import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Component;

/** Lets KEK rotation count and re-wrap the sealed private signing keys. */
@Component
class SigningKeyStore implements WrappedKeyStore {

	private final SigningKeys keys;

	SigningKeyStore(SigningKeys keys) {
		this.keys = keys;
	}

	@Override
	public Map<UUID, Long> countByKek() {
		return keys.countByKek()
			.stream()
			.collect(Collectors.toMap(row -> (UUID) row[0], row -> ((Number) row[1]).longValue()));
	}

	@Override
	public List<Stored> wrappedByOtherThan(UUID kekId, UUID after, int limit) {
		return keys.wrappedByOtherThan(kekId, after.toString(), Pageable.ofSize(limit))
			.stream()
			.map(key -> new Stored(UUID.fromString(key.kid()), SigningKey.context(key.kid()), key.privateKey()))
			.toList();
	}

	@Override
	public boolean replace(Stored stored, WrappedKey replacement) {
		return keys.replace(stored.id().toString(), stored.key().kekId(), replacement.kekId(),
				replacement.sealed()) == 1;
	}

}
