package io.vaas.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bundle delivery to agents (under {@code vaas.agents}, beside the session settings).
 *
 * @param maxWait the longest {@code ?wait=} of a bundle long-poll
 */
@ConfigurationProperties("vaas.agents")
record DeliveryProperties(@DefaultValue("60s") Duration maxWait) {
}
