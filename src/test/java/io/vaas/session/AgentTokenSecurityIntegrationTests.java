package io.vaas.session;

import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.vaas.support.Agents;
import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security matrix: every forged, stale or misplaced credential is refused and
 * audited.
 */
@PostgresIntegrationTest
class AgentTokenSecurityIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	AccessTokenIssuer tokens;

	@org.springframework.beans.factory.annotation.Autowired
	io.vaas.audit.AuditLog audit;

	Api api;

	Agents agents;

	String ns;

	String valid;

	JWTClaimsSet claims;

	@BeforeEach
	void setUp() throws Exception {
		api = new Api(port);
		agents = new Agents(api);
		ns = Api.unique("matrix");
		api.namespace(ns);
		agents.bundle(ns, "a");
		agents.bundle(ns, "b");
		valid = agents.accessToken(agents.seed(ns, "a", "{\"uses\":5}"));
		claims = SignedJWT.parse(valid).getJWTClaimsSet();
	}

	@Test
	void refusesEveryForgedOrMisplacedCredential() throws Exception {
		refused(valid, 200);
		var before = refusals();

		refused(tokens.sign(with().expirationTime(Date.from(Instant.now().minusSeconds(5))).build()), 401);
		var otherKey = new ECKeyGenerator(Curve.P_256).keyID(SignedJWT.parse(valid).getHeader().getKeyID()).generate();
		var foreign = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(otherKey.getKeyID()).build(),
				claims);
		foreign.sign(new ECDSASigner(otherKey));
		refused(foreign.serialize(), 401);
		refused(new PlainJWT(new PlainHeader(), claims).serialize(), 401);
		refused(tokens.sign(with().audience("someone-else").build()), 401);
		refused(tokens.sign(with().issuer("elsewhere").build()), 401);
		var parts = valid.split("\\.");
		var tampered = parts[0] + "."
				+ Base64.getUrlEncoder()
					.withoutPadding()
					.encodeToString(with().claim("bundle", ns + "/b").build().toString().getBytes())
				+ "." + parts[2];
		refused(tampered, 401);
		refused(tokens.sign(with().subject("not-a-uuid").build()), 401);
		refused(ADMIN_TOKEN, 401);
		refused("Basic " + valid, 401);
		assertThat(refusals(before + 9) - before).as("each refusal audited").isEqualTo(9);

		var wrongBundle = api.call("POST", "/api/v1/agent/applied")
			.token(valid)
			.json("{\"digest\":\"d\",\"bundle\":\"" + ns + "/b\"}")
			.send();
		wrongBundle.expectProblem(403, "forbidden");
		assertThat(refusals(before + 10) - before).isEqualTo(10);

		var operatorRefusals = api.get("/api/v1/audit?outcome=unauthenticated&size=1", ADMIN_TOKEN)
			.json()
			.get("totalEvents")
			.asLong();
		api.get("/api/v1/namespaces/" + ns, valid).expectProblem(401, "invalid-token");
		assertThat(api.auditCount("outcome=unauthenticated", operatorRefusals + 1))
			.as("an access token is no operator token")
			.isEqualTo(operatorRefusals + 1);
	}

	@Test
	void refusesARevokedSession() {
		var session = sessionOf("Bearer " + valid);
		api.delete("/api/v1/namespaces/" + ns + "/agents/" + session, ADMIN_TOKEN).expect(204);
		api.call("GET", "/api/v1/agent/session").token(valid).send().expectProblem(401, "invalid-token");
		api.call("POST", "/api/v1/auth/renew").token(valid).send().expectProblem(401, "invalid-token");
		assertThat(tokens.sign(with().subject(UUID.randomUUID().toString()).build())).isNotBlank();
	}

	@Test
	void takesATokenUnderEverySpellingOfItsSchemeUntilItsSessionIsRevoked() {
		// Verified tokens are kept by the header they came in: each spelling is its own
		// entry, and a revocation reaches every one.
		var spellings = List.of("Bearer " + valid, "bearer " + valid, "BEARER  " + valid);
		String session = null;
		for (var header : spellings) {
			for (int again = 0; again < 2; again++) {
				session = sessionOf(header);
			}
		}
		api.delete("/api/v1/namespaces/" + ns + "/agents/" + session, ADMIN_TOKEN).expect(204);
		for (var header : spellings) {
			api.call("GET", "/api/v1/agent/session")
				.header("Authorization", header)
				.send()
				.expectProblem(401, "invalid-token");
		}
	}

	@Test
	void refusesATokenForAnAreaTheServerDoesNotKnow() {
		var unknownArea = tokens.sign(with().claim("areas", List.of("elsewhere")).build());
		// GET takes the direct delivery path, HEAD the MVC one: both refuse alike.
		for (var method : new String[] { "GET", "HEAD" }) {
			var reply = api.call(method, "/api/v1/agent/bundle").token(unknownArea).send();
			assertThat(reply.status()).as(method).isEqualTo(401);
			assertThat(reply.header("WWW-Authenticate")).as(method).contains("invalid_token");
		}
		// Refusals are written in batches: counting all of them would also count another
		// test's that arrive meanwhile, so only this test's reason is counted.
		assertThat(unknownAreaRefusals(
				api.audit("action=agent.authenticate&size=200", page -> unknownAreaRefusals(page) >= 2)))
			.as("each refusal audited")
			.isEqualTo(2);
	}

	/** The session an {@code Authorization} header's token stands for (a 200). */
	private String sessionOf(String header) {
		return api.call("GET", "/api/v1/agent/session")
			.header("Authorization", header)
			.send()
			.expect(200)
			.json()
			.get("session")
			.asString();
	}

	private JWTClaimsSet.Builder with() {
		return new JWTClaimsSet.Builder(claims).jwtID(UUID.randomUUID().toString())
			.expirationTime(Date.from(Instant.now().plusSeconds(600)))
			.claim("areas", List.of("configuration"));
	}

	private void refused(String credential, int expected) {
		var call = api.call("GET", "/api/v1/agent/session");
		var reply = credential.startsWith("Basic ") ? call.header("Authorization", credential).send()
				: call.token(credential).send();
		if (expected == 200) {
			reply.expect(200);
		}
		else {
			reply.expectProblem(expected, "invalid-token");
			assertThat(reply.header("WWW-Authenticate")).contains("invalid_token");
		}
	}

	private static long unknownAreaRefusals(tools.jackson.databind.JsonNode page) {
		long count = 0;
		for (var event : page.get("events")) {
			if (event.hasNonNull("detail") && event.get("detail").asString().equals("unknown area")) {
				count++;
			}
		}
		return count;
	}

	/**
	 * Refusals so far, once those of earlier requests (appended in batches, off the
	 * request) are all in: another test's late refusal must not count as this one's.
	 */
	private long refusals() {
		var deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
		while (!audit.settled() && System.nanoTime() < deadline) {
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		assertThat(audit.settled()).as("earlier refusals appended").isTrue();
		return refusals(0);
	}

	private long refusals(long expected) {
		return api.auditCount("action=agent.authenticate", expected);
	}

}
