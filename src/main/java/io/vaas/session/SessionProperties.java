package io.vaas.session;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Agent credentials.
 *
 * @param issuer the {@code iss} of access tokens
 * @param audience the {@code aud} of access tokens
 * @param accessTokenTtl how long an access token lives
 * @param revocationRefresh how often each replica reads revocations from the database
 * (the bound on how long a revoked session keeps working elsewhere)
 */
@ConfigurationProperties("vaas.agents")
record SessionProperties(@DefaultValue("vaas") String issuer, @DefaultValue("vaas-agent") String audience,
		@DefaultValue("15m") Duration accessTokenTtl, @DefaultValue("1s") Duration revocationRefresh) {
}
