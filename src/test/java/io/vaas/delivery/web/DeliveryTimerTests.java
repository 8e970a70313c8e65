package io.vaas.delivery.web;

import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.micrometer.observation.autoconfigure.ObservationProperties;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryTimerTests {

	@Test
	void takesTheNameAndCommonTagsOfSpringBootsSettings() {
		var observations = new ObservationProperties();
		observations.getHttp().getServer().getRequests().setName("vaas.requests");
		observations.setKeyValues(Map.of("region", "eu-1"));
		var meters = new SimpleMeterRegistry();
		new DeliveryTimer(meters, observations).record(System.nanoTime(), 304, null);
		var timer = meters.get("vaas.requests").tag("region", "eu-1").tag("status", "304").timer();
		assertThat(timer.count()).isEqualTo(1);
		assertThat(meters.find(DeliveryTimer.NAME).meters()).isEmpty();
	}

	@Test
	void recordsNothingWhenTheObservationIsSwitchedOff() {
		var observations = new ObservationProperties();
		observations.setEnable(Map.of("http.server", false));
		var meters = new SimpleMeterRegistry();
		new DeliveryTimer(meters, observations).record(System.nanoTime(), 200, null);
		assertThat(meters.getMeters()).isEmpty();
	}

	@Test
	void decidesAsSpringBootDoesTheLongestPrefixFirstThenAll() {
		var name = "http.server.requests";
		assertThat(DeliveryTimer.enabled(Map.of(), name)).isTrue();
		assertThat(DeliveryTimer.enabled(Map.of("all", false), name)).isFalse();
		assertThat(DeliveryTimer.enabled(Map.of("all", false, "http", true), name)).isTrue();
		assertThat(DeliveryTimer.enabled(Map.of("http", false, "http.server.requests", true), name)).isTrue();
		assertThat(DeliveryTimer.enabled(Map.of("http.server.requests", false), name)).isFalse();
		assertThat(DeliveryTimer.enabled(Map.of("http.client", false), name)).isTrue();
		assertThat(DeliveryTimer.enabled(Map.of("http.serv", false), name)).isTrue();
	}

}
