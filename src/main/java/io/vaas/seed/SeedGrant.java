package io.vaas.seed;

import io.vaas.bundle.output.Area;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * What an accepted seed grants: a session for one bundle and some areas, for at most a
 * while.
 *
 * @param seedId the seed
 * @param keyId a key seed's id (its key's thumbprint); {@code null} for a token seed
 * @param namespace its namespace
 * @param bundleId its bundle
 * @param bundleName the bundle's name
 * @param areas the areas the session may fetch
 * @param maxSessionLifetime how long the session may be renewed
 */
public record SeedGrant(UUID seedId, @org.jspecify.annotations.Nullable String keyId, String namespace, UUID bundleId,
		String bundleName, List<Area> areas, Duration maxSessionLifetime) {

}
