package io.vaas.secret;

import java.time.Instant;

import io.vaas.shared.VersionedHead;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * A secret's identity and its latest version number; the versions are
 * {@link SecretVersion}s.
 */
@Entity
@Table(name = "secrets")
final class Secret extends VersionedHead {

	protected Secret() {
		// for JPA
	}

	Secret(String namespace, String name, Instant now) {
		super(namespace, name, now);
	}

	@Override
	protected long advance(Instant now) {
		return super.advance(now);
	}

	long latestVersion() {
		return latest();
	}

}
