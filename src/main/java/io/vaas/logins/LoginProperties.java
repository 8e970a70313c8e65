package io.vaas.logins;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vaas.logins.*}: how often the reaper looks for logins to drop (a revoked
 * session's is gone within this and the time its statements take).
 */
@ConfigurationProperties("vaas.logins")
record LoginProperties(@DefaultValue("1s") Duration reapInterval) {
}
