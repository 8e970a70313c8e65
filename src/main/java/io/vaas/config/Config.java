package io.vaas.config;

import java.time.Instant;

import io.vaas.shared.VersionedHead;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * A config's identity and its latest version number; the versions themselves are
 * immutable rows ({@link ConfigVersion}).
 */
@Entity
@Table(name = "configs")
final class Config extends VersionedHead {

	protected Config() {
		// for JPA
	}

	Config(String namespace, String name, Instant now) {
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
