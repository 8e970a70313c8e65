package io.vaas.session;

import io.vaas.support.Agents;
import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Its own server, with a low failure limit: repeated bad seeds from one address get 429.
 */
@PostgresIntegrationTest
@TestPropertySource(properties = { "vaas.agents.exchange-failures=5", "vaas.agents.exchange-failure-window=3s" })
class ExchangeThrottleIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void throttlesRepeatedFailuresFromOneAddressAndRecovers() throws Exception {
		var api = new Api(port);
		var agents = new Agents(api);
		var ns = Api.unique("throttle");
		api.namespace(ns);
		agents.bundle(ns, "app");
		var good = agents.seed(ns, "app", "{\"uses\":2}");

		for (int i = 0; i < 5; i++) {
			agents.exchange("vaas_seed_guess" + i).expect(400);
		}
		var throttled = agents.exchange(good).expect(429);
		assertThat(throttled.json().get("error").asString()).isEqualTo("slow_down");
		assertThat(Integer.parseInt(throttled.header("Retry-After"))).isBetween(1, 4);
		assertThat(
				api.audit("action=seed.exchange&outcome=failed&size=1", page -> page.toString().contains("throttled"))
					.toString())
			.contains("throttled");

		Thread.sleep(Integer.parseInt(throttled.header("Retry-After")) * 1000L + 200);
		agents.exchange(good).expect(200);
	}

}
