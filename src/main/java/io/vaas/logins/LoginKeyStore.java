package io.vaas.logins;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.vaas.keys.WrappedKey;
import io.vaas.keys.WrappedKeyStore;

import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Component;

/** Lets KEK rotation count and re-wrap the sealed passwords of logins not dropped yet. */
@Component
class LoginKeyStore implements WrappedKeyStore {

	private final IssuedLogins logins;

	LoginKeyStore(IssuedLogins logins) {
		this.logins = logins;
	}

	@Override
	public Map<UUID, Long> countByKek() {
		return logins.countByKek()
			.stream()
			.collect(Collectors.toMap(row -> (UUID) row[0], row -> ((Number) row[1]).longValue()));
	}

	@Override
	public List<Stored> wrappedByOtherThan(UUID kekId, UUID after, int limit) {
		return logins.wrappedByOtherThan(kekId, after, Pageable.ofSize(limit))
			.stream()
			.map(login -> new Stored(login.id(), IssuedLogin.context(login.id()), login.password()))
			.toList();
	}

	@Override
	public boolean replace(Stored stored, WrappedKey replacement) {
		return logins.replace(stored.id(), stored.key().kekId(), replacement.kekId(), replacement.sealed()) == 1;
	}

}
