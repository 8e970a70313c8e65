package io.vaas.session;

import io.vaas.shared.Tokens;
import io.vaas.support.Agents;
import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Its own server, with low limits and this test as a trusted proxy, so each test speaks
 * for clients of its own through {@code X-Forwarded-For}: bad credentials slow down,
 * valid ones never do.
 */
@PostgresIntegrationTest
@TestPropertySource(properties = { "vaas.throttle.address-failures=5", "vaas.throttle.credential-failures=3",
		"vaas.throttle.max-delay=4s", "vaas.http.trusted-proxies=127.0.0.1/32,::1/128" })
class ExchangeThrottleIntegrationTests {

	@LocalServerPort
	int port;

	Api api;

	Agents agents;

	String ns;

	@BeforeEach
	void setUp() {
		api = new Api(port);
		agents = new Agents(api);
		ns = Api.unique("throttle");
		api.namespace(ns);
		agents.bundle(ns, "app");
	}

	@Test
	void aGuessingClientSlowsDownWhileItsValidSeedsAreAlwaysExchanged() {
		var client = "203.0.113." + (1 + (int) (Math.random() * 250));
		var good = agents.seed(ns, "app", "{\"uses\":10}");
		for (int i = 0; i < 5; i++) {
			assertThat(agents.exchangeFrom(guess(), client).expect(400).json().get("error").asString())
				.isEqualTo("invalid_grant");
		}
		var throttled = agents.exchangeFrom(guess(), client).expectProblem(429, "too-many-failures");
		assertThat(throttled.json().get("error").asString()).isEqualTo("slow_down");
		assertThat(throttled.header("Retry-After")).isEqualTo("1");
		assertThat(throttled.header("Cache-Control")).isEqualTo("no-store");

		// Ignoring Retry-After: a valid seed still gets through every time, and each
		// further
		// guess waits twice as long, up to the maximum.
		var waits = new java.util.ArrayList<String>();
		for (int i = 0; i < 4; i++) {
			agents.exchangeFrom(good, client).expect(200);
			waits.add(agents.exchangeFrom(guess(), client).expect(429).header("Retry-After"));
		}
		assertThat(waits).containsExactly("2", "4", "4", "4");

		// Another client behind the same proxy is not slowed by this one.
		agents.exchangeFrom(guess(), "198.51.100.9").expect(400);

		var refusals = api.audit("action=seed.exchange&outcome=failed&size=100",
				page -> page.toString().contains("throttled for 4 s"));
		assertThat(refusals.toString()).contains(client).doesNotContain(good);
	}

	@Test
	void aSpentSeedSlowsDownFromEveryAddressButNotOtherSeeds() {
		var spent = agents.seed(ns, "app", "{\"uses\":1}");
		agents.exchangeFrom(spent, "192.0.2.1").expect(200);
		// A pod retrying its spent seed, rescheduled on other nodes.
		agents.exchangeFrom(spent, "192.0.2.2").expect(400);
		agents.exchangeFrom(spent, "192.0.2.3").expect(400);
		agents.exchangeFrom(spent, "192.0.2.4").expect(400);
		assertThat(agents.exchangeFrom(spent, "192.0.2.5").expect(429).header("Retry-After")).isEqualTo("1");

		var fresh = agents.seed(ns, "app", "{}");
		agents.exchangeFrom(fresh, "192.0.2.5").expect(200);
	}

	@Test
	void badOperatorTokensSlowDownAndTheValidTokenNeverDoes() {
		var client = "2001:db8::" + Integer.toHexString(1 + (int) (Math.random() * 0xfff0));
		var path = "/api/v1/namespaces/" + ns + "/configs";
		for (int i = 0; i < 5; i++) {
			api.call("GET", path)
				.token(Tokens.generate("vaas_op_"))
				.header("X-Forwarded-For", client)
				.send()
				.expectProblem(401, "invalid-token");
		}
		var throttled = api.call("GET", path)
			.token(Tokens.generate("vaas_op_"))
			.header("X-Forwarded-For", client)
			.send()
			.expectProblem(429, "too-many-failures");
		assertThat(throttled.header("Retry-After")).isEqualTo("1");
		api.call("GET", path).token(Api.ADMIN_TOKEN).header("X-Forwarded-For", client).send().expect(200);
		assertThat(api
			.audit("action=authentication.refused&size=50", page -> page.toString().contains("throttled for 1 s"))
			.toString()).contains("throttled for 1 s").contains(client.replace("::", ":0:0:0:0:0:"));
	}

	@Test
	void forwardedHeadersOfATrustedProxyNameTheClient() {
		var seed = agents.seed(ns, "app", "{}");
		api.call("POST", "/api/v1/auth/token")
			.header("Forwarded", "for=\"[2001:db8:cafe::17]:4711\";proto=https, for=127.0.0.1")
			.body("application/x-www-form-urlencoded",
					("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange&subject_token=" + seed
							+ "&subject_token_type=urn%3Avaas%3Aparams%3Atoken-type%3Aseed")
						.getBytes(java.nio.charset.StandardCharsets.UTF_8))
			.send()
			.expect(200);
		var sessions = api.get("/api/v1/namespaces/" + ns + "/agents", Api.ADMIN_TOKEN).expect(200).json();
		assertThat(sessions.get(0).get("clientAddress").asString()).isEqualTo("2001:db8:cafe:0:0:0:0:17");
	}

	private static String guess() {
		return Tokens.generate("vaas_seed_");
	}

}
