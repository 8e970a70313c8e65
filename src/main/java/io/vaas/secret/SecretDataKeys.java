package io.vaas.secret;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.vaas.keys.WrappedKey;
import io.vaas.keys.WrappedKeyStore;

import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Component;

/** Lets key rotation find, count and re-wrap the data keys of secret versions. */
@Component
class SecretDataKeys implements WrappedKeyStore {

	private final SecretVersions versions;

	SecretDataKeys(SecretVersions versions) {
		this.versions = versions;
	}

	@Override
	public Map<UUID, Long> countByKek() {
		return versions.countByKek()
			.stream()
			.collect(Collectors.toMap(row -> (UUID) row[0], row -> ((Number) row[1]).longValue()));
	}

	@Override
	public List<Stored> wrappedByOtherThan(UUID kekId, UUID after, int limit) {
		return versions.wrappedByOtherThan(kekId, after, Pageable.ofSize(limit))
			.stream()
			.map(row -> new Stored((UUID) row[0],
					SecretVersion.context((String) row[1], (String) row[2], ((Number) row[3]).longValue()),
					new WrappedKey((UUID) row[4], (byte[]) row[5])))
			.toList();
	}

	@Override
	public boolean replace(Stored stored, WrappedKey replacement) {
		return versions.replaceWrappedKey(stored.id(), stored.key().kekId(), replacement.kekId(),
				replacement.sealed()) == 1;
	}

}
