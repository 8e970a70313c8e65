package io.vaas.session;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.vaas.support.Agents;
import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

@PostgresIntegrationTest
class SeedExchangeIntegrationTests {

	@org.springframework.beans.factory.annotation.Autowired
	java.util.List<CredentialMethod> methods;

	@LocalServerPort
	int port;

	Api api;

	Agents agents;

	String ns;

	@BeforeEach
	void setUp() {
		api = new Api(port);
		agents = new Agents(api);
		ns = Api.unique("seed");
		api.namespace(ns);
		agents.bundle(ns, "app");
	}

	@Test
	void issuesASeedOnceAndListsItWithoutItsToken() {
		var created = api
			.post("/api/v1/namespaces/" + ns + "/bundles/app/seeds", ADMIN_TOKEN,
					"{\"ttl\":\"PT1H\",\"uses\":2,\"areas\":[\"configuration\"],\"description\":\"web-1\"}")
			.expect(201);
		var token = created.json().get("token").asString();
		assertThat(token).startsWith("vaas_seed_").hasSize("vaas_seed_".length() + 46);
		assertThat(created.header("Cache-Control")).contains("no-store");
		var listed = api.get("/api/v1/namespaces/" + ns + "/seeds", ADMIN_TOKEN).expect(200);
		assertThat(listed.body()).doesNotContain(token);
		var seed = listed.json().get(0);
		assertThat(seed.get("status").asString()).isEqualTo("active");
		assertThat(seed.get("uses").asInt()).isEqualTo(2);
		assertThat(seed.get("areas").toString()).isEqualTo("[\"configuration\"]");
		assertThat(seed.get("bundle").asString()).isEqualTo("app");

		agents.accessToken(token);
		agents.accessToken(token);
		assertThat(api.get("/api/v1/namespaces/" + ns + "/seeds", ADMIN_TOKEN).json().get(0).get("status").asString())
			.isEqualTo("used-up");

		api.post("/api/v1/namespaces/" + ns + "/bundles/nope/seeds", ADMIN_TOKEN, "{}")
			.expectProblem(404, "bundle-not-found");
		api.post("/api/v1/namespaces/" + ns + "/bundles/app/seeds", ADMIN_TOKEN, "{\"areas\":[\"data\"]}")
			.expectProblem(422, "validation-failed");
		api.post("/api/v1/namespaces/" + ns + "/bundles/app/seeds", ADMIN_TOKEN, "{\"ttl\":\"P365D\"}")
			.expectProblem(422, "validation-failed");
		api.post("/api/v1/namespaces/" + ns + "/bundles/app/seeds", ADMIN_TOKEN, "{\"uses\":0}")
			.expectProblem(422, "validation-failed");
		api.post("/api/v1/namespaces/" + ns + "/bundles/app/seeds", api.token(ns, "viewer"), "{}")
			.expectProblem(403, "forbidden");
	}

	@Test
	void exchangesASeedForASignedAccessToken() throws Exception {
		var seed = agents.seed(ns, "app", "{\"areas\":[\"configuration\",\"secret\"]}");
		var reply = agents.exchange(seed).expect(200);
		var json = reply.json();
		assertThat(json.get("token_type").asString()).isEqualTo("Bearer");
		assertThat(json.get("issued_token_type").asString()).isEqualTo("urn:ietf:params:oauth:token-type:access_token");
		assertThat(json.get("expires_in").asLong()).isBetween(890L, 900L);
		assertThat(reply.header("Cache-Control")).contains("no-store");

		var jwt = SignedJWT.parse(json.get("access_token").asString());
		assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
		var jwks = JWKSet.parse(api.call("GET", "/.well-known/jwks.json").send().expect(200).body());
		var key = jwks.getKeyByKeyId(jwt.getHeader().getKeyID()).toECKey();
		assertThat(key.isPrivate()).isFalse();
		assertThat(jwt.verify(new ECDSAVerifier(key))).isTrue();
		var claims = jwt.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo("vaas");
		assertThat(claims.getAudience()).containsExactly("vaas-agent");
		assertThat(claims.getJWTID()).isNotBlank();
		assertThat(claims.getStringClaim("bundle")).isEqualTo(ns + "/app");
		assertThat(claims.getStringListClaim("areas")).containsExactly("configuration", "secret");

		var info = api.call("GET", "/api/v1/agent/session")
			.token(json.get("access_token").asString())
			.send()
			.expect(200);
		assertThat(info.json().get("session").asString()).isEqualTo(claims.getSubject());

		var viaJson = agents.seed(ns, "app", "{}");
		api.call("POST", "/api/v1/auth/token")
			.json("{\"grant_type\":\"" + Agents.TOKEN_EXCHANGE + "\",\"subject_token\":\"" + viaJson
					+ "\",\"subject_token_type\":\"" + Agents.SEED_TYPE + "\"}")
			.send()
			.expect(200);
	}

	@Test
	void exactlyOneCredentialMethodAcceptsEachKindOfRequest() {
		var seed = io.vaas.shared.Tokens.generate("vaas_seed_");
		var requests = java.util.List.of(
				new TokenRequest(TokenExchange.GRANT_TYPE, seed, SeedCredential.SEED_TOKEN_TYPE),
				new TokenRequest(TokenExchange.GRANT_TYPE, seed, "urn:ietf:params:oauth:token-type:jwt"),
				new TokenRequest("urn:ietf:params:oauth:grant-type:jwt-bearer", seed, null),
				new TokenRequest(TokenExchange.GRANT_TYPE, " ", SeedCredential.SEED_TOKEN_TYPE),
				new TokenRequest(null, null, null));
		assertThat(methods).isNotEmpty();
		for (var request : requests) {
			assertThat(methods.stream().filter(method -> method.accepts(request)).count()).as("%s", request)
				.isLessThanOrEqualTo(1);
		}
		assertThat(methods.stream().filter(method -> method.accepts(requests.get(0)))).hasSize(1);
		assertThat(methods.stream().map(method -> method.credentialKey(requests.get(0))))
			.allSatisfy(key -> assertThat(key).doesNotContain(seed));
	}

	@Test
	void answersEveryBadSeedAlike() throws Exception {
		var usedUp = agents.seed(ns, "app", "{\"uses\":2}");
		agents.accessToken(usedUp);
		agents.accessToken(usedUp);
		var revoked = api.post("/api/v1/namespaces/" + ns + "/bundles/app/seeds", ADMIN_TOKEN, "{}").expect(201).json();
		api.delete("/api/v1/namespaces/" + ns + "/seeds/" + revoked.get("seed").get("id").asString(), ADMIN_TOKEN)
			.expect(204);
		var expired = agents.seed(ns, "app", "{\"ttl\":\"PT1S\"}");
		Thread.sleep(1100);
		var unknown = io.vaas.shared.Tokens.generate("vaas_seed_");

		var answers = new HashSet<String>();
		for (var seed : new String[] { usedUp, revoked.get("token").asString(), expired, unknown, "garbage" }) {
			var reply = agents.exchange(seed).expect(400);
			assertThat(reply.json().get("error").asString()).isEqualTo("invalid_grant");
			answers.add(reply.body());
		}
		assertThat(answers).as("indistinguishable answers").hasSize(1);

		// Refusals are appended in batches, a moment later.
		var events = api
			.audit("action=seed.exchange&outcome=failed&size=50",
					page -> java.util.stream.Stream.of("revoked seed", "expired seed", "unknown seed", "used-up seed")
						.allMatch(page.toString()::contains))
			.get("events");
		assertThat(events.toString()).contains("revoked seed")
			.contains("expired seed")
			.contains("unknown seed")
			.contains("used-up seed");
		assertThat(events.toString()).doesNotContain(usedUp);
	}

	@Test
	void refusesMalformedExchangeRequestsTheOAuthWay() {
		var seed = agents.seed(ns, "app", "{}");
		var noGrant = api.call("POST", "/api/v1/auth/token")
			.body("application/x-www-form-urlencoded", ("subject_token=" + seed).getBytes())
			.send()
			.expect(400);
		assertThat(noGrant.json().get("error").asString()).isEqualTo("invalid_request");
		var wrongGrant = api.call("POST", "/api/v1/auth/token")
			.body("application/x-www-form-urlencoded", "grant_type=password&username=a&password=b".getBytes())
			.send()
			.expect(400);
		assertThat(wrongGrant.json().get("error").asString()).isEqualTo("unsupported_grant_type");
		var badEncoding = api.call("POST", "/api/v1/auth/token")
			.body("application/x-www-form-urlencoded", ("grant_type=x&subject_token=" + seed + "%zz").getBytes())
			.send()
			.expect(400);
		assertThat(badEncoding.json().get("error").asString()).isEqualTo("invalid_request");
		assertThat(badEncoding.body()).doesNotContain(seed);
		var inUrl = api.call("POST", "/api/v1/auth/token?subject_token=" + seed)
			.body("application/x-www-form-urlencoded", ("grant_type=" + Agents.TOKEN_EXCHANGE).getBytes())
			.send()
			.expect(400);
		assertThat(inUrl.json().get("error").asString()).isEqualTo("invalid_request");
		var badJson = api.call("POST", "/api/v1/auth/token").json("{\"grant_type\":").send().expect(400);
		assertThat(badJson.json().get("error").asString()).isEqualTo("invalid_request");
		var plain = api.call("POST", "/api/v1/auth/token")
			.body("text/plain", ("subject_token=" + seed).getBytes())
			.send()
			.expect(400);
		assertThat(plain.json().get("error").asString()).isEqualTo("invalid_request");
		assertThat(plain.header("Content-Type")).startsWith("application/json");
		var none = api.call("POST", "/api/v1/auth/token").send().expect(400);
		assertThat(none.json().get("error").asString()).isEqualTo("invalid_request");
		api.call("POST", "/api/v1/auth/token")
			.json("{\"grant_type\":\"" + Agents.TOKEN_EXCHANGE + "\",\"subject_token\":\"" + seed
					+ "\",\"subject_token_type\":\"" + Agents.SEED_TYPE + "\",\"audience\":\"vaas\"}")
			.send()
			.expect(200);
	}

	/**
	 * Exactly one exchange wins. The 63 others present a used single-use seed, which is
	 * what an interception looks like, so the winner's session is revoked too: a seed
	 * held by more than one party is treated as leaked.
	 */
	@Test
	void givesOneAccessTokenToSixtyFourConcurrentExchangesOfASingleUseSeed() throws Exception {
		var seed = agents.seed(ns, "app", "{}");
		var start = new CountDownLatch(1);
		var statuses = new ArrayList<Integer>();
		try (var pool = Executors.newFixedThreadPool(64)) {
			var futures = new ArrayList<Future<Integer>>();
			for (int i = 0; i < 64; i++) {
				Callable<Integer> call = () -> {
					start.await();
					// 64 at once may wait longer than the connection timeout (1 s) for
					// one
					// of the pool's connections: a 503 with Retry-After, which an agent
					// answers by trying again.
					var deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
					var status = agents.exchange(seed).status();
					while (status == 503 && System.nanoTime() < deadline) {
						Thread.sleep(100);
						status = agents.exchange(seed).status();
					}
					return status;
				};
				futures.add(pool.submit(call));
			}
			start.countDown();
			for (var future : futures) {
				statuses.add(future.get());
			}
		}
		assertThat(statuses).as("statuses %s", statuses).filteredOn(status -> status == 200).hasSize(1);
		assertThat(statuses).as("statuses %s", statuses).filteredOn(status -> status == 400).hasSize(63);
		assertThat(api.get("/api/v1/namespaces/" + ns + "/agents", ADMIN_TOKEN).json().size()).isEqualTo(1);
	}

	@Test
	void revokesTheSessionWhenASingleUseSeedIsPresentedAgain() {
		var seed = agents.seed(ns, "app", "{}");
		var token = agents.accessToken(seed);
		api.call("GET", "/api/v1/agent/session").token(token).send().expect(200);

		var replay = agents.exchange(seed).expect(400);
		assertThat(replay.json().get("error").asString()).isEqualTo("invalid_grant");

		api.call("GET", "/api/v1/agent/session").token(token).send().expectProblem(401, "invalid-token");
		var sessions = api.get("/api/v1/namespaces/" + ns + "/agents", ADMIN_TOKEN).json();
		assertThat(sessions.get(0).get("status").asString()).isEqualTo("revoked");
		var events = api.get("/api/v1/audit?namespace=" + ns + "&action=seed.replayed", ADMIN_TOKEN).json();
		assertThat(events.get("totalEvents").asLong()).isEqualTo(1);
		assertThat(events.get("events").get(0).get("detail").asString()).contains("possible interception");
	}

	@Test
	void detectsAReplayEvenAfterTheSeedExpired() throws Exception {
		// Long enough to be exchanged in time on a machine whose cores are all busy.
		var seed = agents.seed(ns, "app", "{\"ttl\":\"PT3S\"}");
		var created = System.nanoTime();
		var token = agents.accessToken(seed);
		// Lets the seed expire: it was created before the reply that returned it.
		Thread.sleep(Math.max(0, 3_100 - (System.nanoTime() - created) / 1_000_000));
		agents.exchange(seed).expect(400);
		api.call("GET", "/api/v1/agent/session").token(token).send().expectProblem(401, "invalid-token");
	}

	@Test
	void renewsWithinTheSessionAndRecordsWhatWasApplied() throws Exception {
		var seed = agents.seed(ns, "app", "{\"maxSessionLifetime\":\"PT1H\"}");
		var first = agents.accessToken(seed);
		var renewed = api.call("POST", "/api/v1/auth/renew").token(first).send().expect(200).json();
		var second = renewed.get("access_token").asString();
		assertThat(second).isNotEqualTo(first);
		assertThat(SignedJWT.parse(second).getJWTClaimsSet().getSubject())
			.isEqualTo(SignedJWT.parse(first).getJWTClaimsSet().getSubject());
		assertThat(renewed.get("expires_in").asLong()).isBetween(890L, 900L);

		api.call("POST", "/api/v1/agent/applied").token(second).json("{\"digest\":\"sha256:abc\"}").send().expect(204);
		api.call("POST", "/api/v1/agent/applied")
			.token(second)
			.json("{}")
			.send()
			.expectProblem(422, "validation-failed");
		var session = api.get("/api/v1/namespaces/" + ns + "/agents", ADMIN_TOKEN).json().get(0);
		assertThat(session.get("lastDigestApplied").asString()).isEqualTo("sha256:abc");
		assertThat(session.get("clientAddress").asString()).isEqualTo("127.0.0.1");
		assertThat(session.get("bundle").asString()).isEqualTo("app");
		assertThat(session.get("status").asString()).isEqualTo("active");

		var shortSeed = agents.seed(ns, "app", "{\"maxSessionLifetime\":\"PT2S\"}");
		var shortReply = agents.exchange(shortSeed).expect(200).json();
		assertThat(shortReply.get("expires_in").asLong()).as("never beyond the session's end").isLessThanOrEqualTo(2);
	}

	@Test
	void revokesSessionsWithTheirSeedOrOnTheirOwn() {
		var seedReply = api.post("/api/v1/namespaces/" + ns + "/bundles/app/seeds", ADMIN_TOKEN, "{\"uses\":3}")
			.expect(201)
			.json();
		var a = agents.accessToken(seedReply.get("token").asString());
		var b = agents.accessToken(seedReply.get("token").asString());
		var sessionA = api.call("GET", "/api/v1/agent/session").token(a).send().json().get("session").asString();
		// Revoking a session is managing seeds: a viewer may not, an editor may.
		api.delete("/api/v1/namespaces/" + ns + "/agents/" + sessionA, api.token(ns, "viewer"))
			.expectProblem(403, "forbidden");
		api.call("GET", "/api/v1/agent/session").token(a).send().expect(200);
		api.delete("/api/v1/namespaces/" + ns + "/agents/" + sessionA, api.token(ns, "editor")).expect(204);
		api.call("GET", "/api/v1/agent/session").token(a).send().expectProblem(401, "invalid-token");
		api.call("GET", "/api/v1/agent/session").token(b).send().expect(200);

		api.delete("/api/v1/namespaces/" + ns + "/seeds/" + seedReply.get("seed").get("id").asString(), ADMIN_TOKEN)
			.expect(204);
		api.call("GET", "/api/v1/agent/session").token(b).send().expectProblem(401, "invalid-token");
		api.call("POST", "/api/v1/auth/renew").token(b).send().expectProblem(401, "invalid-token");
		api.delete("/api/v1/namespaces/" + ns + "/agents/" + java.util.UUID.randomUUID(), ADMIN_TOKEN)
			.expectProblem(404, "session-not-found");
	}

	@Test
	void keepsTheOldSigningKeyPublishedAfterARotation() throws Exception {
		var token = agents.accessToken(agents.seed(ns, "app", "{}"));
		var oldKid = SignedJWT.parse(token).getHeader().getKeyID();
		var newKid = api.call("POST", "/api/v1/keys/signing/rotate")
			.token(ADMIN_TOKEN)
			.send()
			.expect(200)
			.json()
			.get("kid")
			.asString();
		assertThat(newKid).isNotEqualTo(oldKid);
		var jwks = JWKSet.parse(api.call("GET", "/.well-known/jwks.json").send().body());
		assertThat(jwks.getKeyByKeyId(oldKid)).as("old key still published").isNotNull();
		assertThat(jwks.getKeyByKeyId(newKid)).isNotNull();
		api.call("GET", "/api/v1/agent/session").token(token).send().expect(200);
		var fresh = agents.accessToken(agents.seed(ns, "app", "{}"));
		assertThat(SignedJWT.parse(fresh).getHeader().getKeyID()).isEqualTo(newKid);
		// Both keys' verifiers in use at once: the one kept, the one made for the new
		// key.
		api.call("GET", "/api/v1/agent/session").token(fresh).send().expect(200);
		api.call("GET", "/api/v1/agent/session").token(token).send().expect(200);
		api.call("POST", "/api/v1/keys/signing/rotate")
			.token(api.token(ns, "admin"))
			.send()
			.expectProblem(403, "forbidden");
		assertThat(Base64.getUrlDecoder().decode(fresh.split("\\.")[1])).isNotEmpty();
	}

}
