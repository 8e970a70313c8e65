package io.vaas.shared;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on incoming requests.
 *
 * @param maxRequestSize largest accepted request body; larger ones get 413
 */
@ConfigurationProperties("vaas.http")
public record HttpLimits(@DefaultValue("2MB") DataSize maxRequestSize) {

}
