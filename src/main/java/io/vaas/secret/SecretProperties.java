package io.vaas.secret;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tuning of secret decryption.
 *
 * @param dataKeyCacheTtl how long an unwrapped data key stays in memory after it was
 * unwrapped
 * @param dataKeyCacheSize how many unwrapped data keys are kept at most
 */
@ConfigurationProperties("vaas.secrets")
record SecretProperties(@DefaultValue("5m") Duration dataKeyCacheTtl, @DefaultValue("10000") long dataKeyCacheSize) {
}
