package io.vaas.session;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.vaas.bundle.output.Area;
import org.jspecify.annotations.Nullable;

/** What a {@link CredentialMethod} concluded about a credential. */
public sealed interface Verification {

	/**
	 * The credential is good: a session for one bundle and some areas, for at most a
	 * while.
	 *
	 * @param origin what the session records as where it came from
	 * @param namespace the bundle's namespace
	 * @param bundleId the bundle
	 * @param bundleName the bundle's name
	 * @param areas the areas the session may fetch
	 * @param maxSessionLifetime how long the session may be renewed
	 */
	record Granted(Origin origin, String namespace, UUID bundleId, String bundleName, List<Area> areas,
			Duration maxSessionLifetime) implements Verification {

		public Granted {
			areas = List.copyOf(areas);
		}

	}

	/**
	 * The credential is not good; the caller sees only {@code invalid_grant}.
	 *
	 * @param reason for the audit log (never the credential)
	 * @param namespace the namespace it belonged to, when known
	 */
	record Refused(String reason, @Nullable String namespace) implements Verification {
	}

	/**
	 * The credential could not be checked now (its issuer's keys are out of reach): the
	 * caller is told to retry, and nothing counts against it.
	 *
	 * @param reason for the audit log
	 * @param namespace the namespace it asked for, when known
	 */
	record Unavailable(String reason, @Nullable String namespace) implements Verification {
	}

}
