package io.vaas.shared;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TimeConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		// Microseconds: what PostgreSQL stores, so a value reads back as it was written.
		return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
	}

}
