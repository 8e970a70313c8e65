package io.vaas.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vaas.support.Agents;
import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import io.vaas.support.Replicas;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key seeds (SPEC 7.2): made here or the operator's own public key, the id the key's
 * thumbprint, assertions (RFC 7523) exchanged many times, and every refusal: replayed
 * {@code jti} (on another replica too), another key, another audience, too long a
 * lifetime, a revoked seed. This server takes its public URL from the requests; the
 * second replica is told the first one's, as replicas behind one load balancer are.
 */
@PostgresIntegrationTest
class KeySeedIntegrationTests {

	@LocalServerPort
	int port;

	/** The token endpoint as the requests reach it: the audience of every assertion. */
	String endpoint;

	@Autowired
	JdbcConnectionDetails database;

	Api api;

	String ns;

	String seeds;

	@BeforeEach
	void setUp() {
		api = new Api(port);
		endpoint = api.url("/api/v1/auth/token");
		ns = Api.unique("keyseed");
		api.namespace(ns);
		new Agents(api).bundle(ns, "app");
		seeds = "/api/v1/namespaces/" + ns + "/bundles/app/seeds";
	}

	@Test
	void makesAKeyShownOnceWhoseThumbprintIsItsIdAndExchangesItsAssertionsManyTimes() throws Exception {
		var created = api.post(seeds, ADMIN_TOKEN, "{\"kind\":\"key\",\"ttl\":\"P30D\",\"areas\":[\"configuration\"]}")
			.expect(201);
		assertThat(created.header("Cache-Control")).contains("no-store");
		var body = created.json();
		var pem = body.get("privateKey").asString();
		assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
		assertThat(body.get("tokenEndpoint").asString()).isEqualTo(endpoint);
		var key = io.vaas.support.Pems.ecKey(pem);
		assertThat(key.getCurve()).isEqualTo(Curve.P_256);
		var id = body.get("id").asString();
		assertThat(id).isEqualTo(key.toPublicJWK().computeThumbprint().toString());
		assertThat(body.get("seed").get("kind").asString()).isEqualTo("key");

		var listed = api.get("/api/v1/namespaces/" + ns + "/seeds", ADMIN_TOKEN).expect(200);
		assertThat(listed.body()).doesNotContain(pem.substring(30, 60));
		assertThat(listed.json().get(0).get("id").asString()).isEqualTo(id);
		assertThat(listed.json().get(0).has("uses")).as("a key seed's uses are not counted").isFalse();

		for (var i = 0; i < 3; i++) {
			var reply = exchange(assertion(key, id, endpoint, Duration.ofMinutes(2))).expect(200).json();
			api.call("GET", "/api/v1/agent/bundle").token(reply.get("access_token").asString()).send().expect(200);
		}
		var session = api.get("/api/v1/namespaces/" + ns + "/agents", ADMIN_TOKEN).expect(200).json().get(0);
		assertThat(session.get("method").asString()).isEqualTo("key");
		assertThat(session.get("seedId").asString()).isEqualTo(id);
		assertThat(session.get("areas").toString()).isEqualTo("[\"configuration\"]");
		assertThat(api.get("/api/v1/namespaces/" + ns + "/seeds", ADMIN_TOKEN).json().get(0).has("lastUsedAt"))
			.isTrue();
	}

	@Test
	void takesTheOperatorsPublicKeyAndNeverItsPrivateKey() throws Exception {
		var own = new ECKeyGenerator(Curve.P_256).generate();
		var body = api.post(seeds, ADMIN_TOKEN, "{\"kind\":\"key\",\"publicKey\":" + own.toPublicJWK() + "}")
			.expect(201)
			.json();
		assertThat(body.has("privateKey")).isFalse();
		var id = body.get("id").asString();
		assertThat(id).isEqualTo(own.computeThumbprint().toString());
		exchange(assertion(own, id, endpoint, Duration.ofMinutes(1))).expect(200);

		api.post(seeds, ADMIN_TOKEN, "{\"kind\":\"key\",\"publicKey\":" + own.toPublicJWK() + "}")
			.expectProblem(422, "validation-failed");
		var withPrivate = api.post(seeds, ADMIN_TOKEN, "{\"kind\":\"key\",\"publicKey\":" + own.toJSONString() + "}")
			.expectProblem(422, "validation-failed");
		assertThat(withPrivate.body()).contains("public key only").doesNotContain(own.getD().toString());
		var rsa = new RSAKeyGenerator(2048).generate().toPublicJWK();
		api.post(seeds, ADMIN_TOKEN, "{\"kind\":\"key\",\"publicKey\":" + rsa + "}")
			.expectProblem(422, "validation-failed");
		api.post(seeds, ADMIN_TOKEN, "{\"kind\":\"key\",\"uses\":3}").expectProblem(422, "validation-failed");
		var forEncryption = new ECKeyGenerator(Curve.P_256).keyUse(com.nimbusds.jose.jwk.KeyUse.ENCRYPTION).generate();
		api.post(seeds, ADMIN_TOKEN, "{\"kind\":\"key\",\"publicKey\":" + forEncryption.toPublicJWK() + "}")
			.expectProblem(422, "validation-failed");
		api.post(seeds, ADMIN_TOKEN, "{\"kind\":\"certificate\"}").expectProblem(422, "validation-failed");
	}

	@Test
	void refusesEveryBadAssertionAlikeAndAuditsWhy() throws Exception {
		var body = api.post(seeds, ADMIN_TOKEN, "{\"kind\":\"key\"}").expect(201).json();
		var key = io.vaas.support.Pems.ecKey(body.get("privateKey").asString());
		var id = body.get("id").asString();

		var once = assertion(key, id, endpoint, Duration.ofMinutes(2));
		exchange(once).expect(200);
		expectRefused(exchange(once));
		expectRefused(
				exchange(assertion(new ECKeyGenerator(Curve.P_256).generate(), id, endpoint, Duration.ofMinutes(2))));
		expectRefused(
				exchange(assertion(key, id, "https://elsewhere.example/api/v1/auth/token", Duration.ofMinutes(2))));
		expectRefused(exchange(assertion(key, id, endpoint, Duration.ofMinutes(10))));
		expectRefused(exchange(assertion(key, "not-a-seed", endpoint, Duration.ofMinutes(2))));
		// Shaped like an encrypted JWT (five parts): refused like any other, never a 500.
		expectRefused(exchange("eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkExMjhHQ00ifQ.a.b.c.d"));

		var refusals = api.audit("namespace=" + ns + "&action=key.exchange&outcome=failed",
				page -> page.get("totalEvents").asLong() >= 4);
		assertThat(refusals.toString()).contains("replayed assertion: jti seen before")
			.contains("Invalid signature")
			.contains("JWT aud claim rejected")
			.contains("exp is more than 5 min after iat")
			.doesNotContain(once);
	}

	@Test
	void aRevokedKeySeedEndsItsSessionsAndSignsNoMore() throws Exception {
		var body = api.post(seeds, ADMIN_TOKEN, "{\"kind\":\"key\"}").expect(201).json();
		var key = io.vaas.support.Pems.ecKey(body.get("privateKey").asString());
		var id = body.get("id").asString();
		var access = exchange(assertion(key, id, endpoint, Duration.ofMinutes(2))).expect(200)
			.json()
			.get("access_token")
			.asString();
		api.delete("/api/v1/namespaces/" + ns + "/seeds/" + id, ADMIN_TOKEN).expect(204);
		expectRefused(exchange(assertion(key, id, endpoint, Duration.ofMinutes(2))));
		api.call("GET", "/api/v1/agent/bundle").token(access).send().expect(401);
		assertThat(api.get("/api/v1/namespaces/" + ns + "/seeds", ADMIN_TOKEN).json().get(0).get("status").asString())
			.isEqualTo("revoked");
	}

	@Test
	void anAssertionUsedOnOneReplicaIsRefusedOnTheOther() throws Exception {
		var body = api.post(seeds, ADMIN_TOKEN, "{\"kind\":\"key\"}").expect(201).json();
		var key = io.vaas.support.Pems.ecKey(body.get("privateKey").asString());
		var once = assertion(key, body.get("id").asString(), endpoint, Duration.ofMinutes(2));
		try (var other = Replicas.start(database, "--vaas.public-url=" + api.url(""))) {
			var b = Replicas.api(other);
			exchange(once).expect(200);
			expectRefused(exchangeOn(b, once));
			exchangeOn(b, assertion(key, body.get("id").asString(), endpoint, Duration.ofMinutes(2))).expect(200);
		}
	}

	static String assertion(ECKey key, String id, String audience, Duration lifetime) throws Exception {
		var now = Instant.now();
		var claims = new JWTClaimsSet.Builder().issuer(id)
			.subject(id)
			.audience(audience)
			.jwtID(UUID.randomUUID().toString())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(lifetime)))
			.build();
		var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).build(), claims);
		jwt.sign(new ECDSASigner(key));
		return jwt.serialize();
	}

	private Api.Reply exchange(String assertion) {
		return exchangeOn(api, assertion);
	}

	private static Api.Reply exchangeOn(Api server, String assertion) {
		return new Agents(server).exchangeAssertion(assertion);
	}

	private static void expectRefused(Api.Reply reply) {
		var body = reply.expect(400).json();
		assertThat(body.get("error").asString()).isEqualTo("invalid_grant");
		assertThat(body.get("error_description").asString())
			.isEqualTo("the credential is not valid, or not accepted for this bundle");
	}

}
