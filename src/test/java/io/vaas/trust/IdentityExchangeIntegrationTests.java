package io.vaas.trust;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.vaas.support.Agents;
import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import io.vaas.support.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Identity tokens exchanged for sessions (SPEC 7.1) against an OIDC issuer inside the
 * test ({@link TestIssuer}: keys made here, discovery and keys served over https): each
 * algorithm, what the session records, and every kind of refusal, each a 400
 * {@code invalid_grant} with the same description and its exact reason in the audit log.
 */
@PostgresIntegrationTest
class IdentityExchangeIntegrationTests {

	static final String GENERIC = "the credential is not valid, or not accepted for this bundle";

	static final TestIssuer issuer = TestIssuer.start();

	@DynamicPropertySource
	static void trustTheIssuer(DynamicPropertyRegistry registry) {
		registry.add("vaas.identity.ca-file", () -> issuer.caFile().toString());
		// An unknown kid fetches keys again once; the rest of this class's requests stay
		// within one window, however slow the machine.
		registry.add("vaas.identity.refetch-interval", () -> "10m");
		registry.add("vaas.identity.keys-ttl", () -> "20m");
	}

	@AfterAll
	static void stopIssuer() {
		issuer.close();
	}

	@LocalServerPort
	int port;

	Api api;

	String ns;

	@BeforeEach
	void setUp() {
		api = new Api(port);
		ns = Api.unique("ident");
		api.namespace(ns);
		var agents = new Agents(api);
		agents.bundle(ns, "app");
		agents.bundle(ns, "batch");
		trust("app", "web", """
				{"issuer":"%s","audiences":["vaas"],"subject":"system:serviceaccount:shop:*",
				 "claims":{"/kubernetes.io/namespace":"shop"},"areas":["configuration"],"ttl":"PT20M"}"""
			.formatted(issuer.url()));
		trust("batch", "jobs", """
				{"issuer":"%s","audiences":["vaas"],"subject":"system:serviceaccount:shop:batch"}"""
			.formatted(issuer.url()));
	}

	@Test
	void exchangesATokenSignedWithEachAlgorithmAndRecordsThePod() {
		for (var kid : new String[] { "rsa", "ec", "ed" }) {
			var token = issuer.sign(kid, issuer.kubernetes("shop", "web", "web-" + kid, "vaas").build());
			var reply = exchange(token, "urn:vaas:bundle:" + ns + "/app").expect(200).json();
			assertThat(reply.get("token_type").asString()).isEqualTo("Bearer");
			var access = reply.get("access_token").asString();
			api.call("GET", "/api/v1/agent/bundle").token(access).send().expect(200);
		}
		var sessions = api.get("/api/v1/namespaces/" + ns + "/agents", ADMIN_TOKEN).expect(200).json();
		assertThat(sessions.size()).isEqualTo(3);
		var session = byPod(sessions, "web-ed");
		assertThat(session.get("method").asString()).isEqualTo("identity");
		assertThat(session.get("trust").asString()).isEqualTo("web");
		assertThat(session.get("issuer").asString()).isEqualTo(issuer.url());
		assertThat(session.get("subject").asString()).isEqualTo("system:serviceaccount:shop:web");
		assertThat(session.get("kubernetes").get("namespace").asString()).isEqualTo("shop");
		assertThat(session.get("kubernetes").get("serviceAccount").asString()).isEqualTo("web");
		assertThat(session.has("seedId")).isFalse();
		assertThat(session.get("areas").toString()).isEqualTo("[\"configuration\"]");
		assertThat(Duration.between(Instant.parse(session.get("createdAt").asString()),
				Instant.parse(session.get("maxExpiresAt").asString())))
			.as("the trust's ttl")
			.isEqualTo(Duration.ofMinutes(20));
		assertThat(issuer.requests("/.well-known/openid-configuration")).as("OIDC discovery").isPositive();
		var audit = api.audit("namespace=" + ns + "&action=identity.exchange&outcome=success",
				page -> page.get("totalEvents").asLong() >= 3);
		assertThat(audit.get("totalEvents").asLong()).isEqualTo(3);
	}

	@Test
	void anIdentityTokenIsNotSingleUse() {
		var token = issuer.sign("ec", issuer.kubernetes("shop", "web", "web-0", "vaas").build());
		exchange(token, "urn:vaas:bundle:" + ns + "/app").expect(200);
		exchange(token, "urn:vaas:bundle:" + ns + "/app").expect(200);
	}

	@Test
	void refusesEveryBadTokenAlikeAndAuditsTheExactReason() throws Exception {
		var app = "urn:vaas:bundle:" + ns + "/app";
		var now = Instant.now();
		var cases = new LinkedHashMap<String, String[]>();
		cases.put("wrong issuer",
				new String[] { issuer.sign("ec", claims(now).issuer("https://elsewhere.example").build()), app,
						"no trust of bundle app for iss \"https://elsewhere.example\"" });
		cases.put("wrong audience", new String[] { issuer.sign("ec", claims(now).audience("other").build()), app,
				"web: JWT aud claim rejected" });
		cases.put("expired",
				new String[] { issuer.sign("ec", claims(now).expirationTime(Date.from(now.minusSeconds(300))).build()),
						app, "web: Expired JWT" });
		cases.put("no exp", new String[] { issuer.sign("ec", claims(now).expirationTime(null).build()), app,
				"web: JWT missing required claims: [exp]" });
		cases.put("not yet valid beyond the skew",
				new String[] { issuer.sign("ec", claims(now).notBeforeTime(Date.from(now.plusSeconds(300))).build()),
						app, "web: JWT before use time" });
		cases.put("issued in the future",
				new String[] { issuer.sign("ec", claims(now).issueTime(Date.from(now.plusSeconds(300))).build()), app,
						"web: iat is more than 60 s in the future" });
		cases.put("subject",
				new String[] { issuer.sign("ec", claims(now).subject("system:serviceaccount:dev:web").build()), app,
						"web: sub \"system:serviceaccount:dev:web\" does not match \"system:serviceaccount:shop:*\"" });
		cases.put("claim", new String[] { issuer.sign("ec",
				issuer.kubernetes("dev", "web", "web-1", "vaas").subject("system:serviceaccount:shop:web").build()),
				app, "web: claim /kubernetes.io/namespace \"dev\" does not match \"shop\"" });
		cases.put("alg none", new String[] { new PlainJWT(claims(now).build()).serialize(), app, "not a signed JWT" });
		cases.put("HS256 with the public key",
				new String[] { hmacWithPublicKey(claims(now).build()), app, "web: alg HS256 is not accepted" });
		cases.put("for another bundle", new String[] { issuer.sign("ec", claims(now).build()),
				"urn:vaas:bundle:" + ns + "/batch",
				"jobs: sub \"system:serviceaccount:shop:web\" does not match \"system:serviceaccount:shop:batch\"" });
		cases.put("tampered payload",
				new String[] { tampered(issuer.sign("ec", claims(now).build())), app, "web: invalid signature" });
		cases.put("no such bundle", new String[] { issuer.sign("ec", claims(now).build()),
				"urn:vaas:bundle:" + ns + "/none", "is not an existing bundle's" });
		cases.put("no resource", new String[] { issuer.sign("ec", claims(now).build()), null,
				"resource (none) is not an existing bundle's" });

		for (var entry : cases.entrySet()) {
			var reply = exchange(entry.getValue()[0], entry.getValue()[1]).expect(400).json();
			assertThat(reply.get("error").asString()).as(entry.getKey()).isEqualTo("invalid_grant");
			assertThat(reply.get("error_description").asString()).as(entry.getKey()).isEqualTo(GENERIC);
		}
		var expected = cases.values().stream().map(value -> value[2]).toList();
		var refusals = api.audit("action=identity.exchange&outcome=failed&size=200",
				page -> expected.stream().allMatch(reason -> page.toString().contains(jsonText(reason))));
		for (var entry : cases.entrySet()) {
			assertThat(refusals.toString()).as(entry.getKey()).contains(jsonText(entry.getValue()[2]));
		}
		assertThat(refusals.toString()).as("never the token").doesNotContain(cases.get("expired")[0]);

		var withinSkew = claims(now).expirationTime(Date.from(now.minusSeconds(20))).build();
		// Expired 20 s ago: within the 60 s of skew.
		exchange(issuer.sign("ec", withinSkew), app).expect(200);
	}

	@Test
	void anUnknownKidFetchesTheKeysOnceThenIsRefused() throws Exception {
		trust("app", "rotating", """
				{"issuer":"%s","jwksUri":"%s/other-keys","audiences":["rotating"],"subject":"*"}"""
			.formatted(issuer.url(), issuer.url()));
		var app = "urn:vaas:bundle:" + ns + "/app";
		exchange(issuer.sign("ec", claims(Instant.now()).audience("rotating").build()), app).expect(200);
		assertThat(issuer.requests("/other-keys")).isEqualTo(1);
		exchange(issuer.sign("ec", claims(Instant.now()).audience("rotating").build()), app).expect(200);
		assertThat(issuer.requests("/other-keys")).as("cached").isEqualTo(1);

		issuer.hidden("rotated");
		issuer.publish("rotated");
		exchange(issuer.sign("rotated", claims(Instant.now()).audience("rotating").build()), app).expect(200);
		assertThat(issuer.requests("/other-keys")).as("a new kid: fetched again once").isEqualTo(2);

		issuer.hidden("ghost");
		for (var attempt = 0; attempt < 3; attempt++) {
			exchange(issuer.sign("ghost", claims(Instant.now()).audience("rotating").build()), app).expect(400);
		}
		assertThat(issuer.requests("/other-keys")).as("rate-limited: no fetch per made-up kid").isEqualTo(2);
		var refusals = api.audit("namespace=" + ns + "&action=identity.exchange&outcome=failed",
				page -> page.get("totalEvents").asLong() >= 3);
		assertThat(refusals.toString()).contains("rotating: no key for the token's kid");
	}

	@Test
	void acceptsStaticKeysAndRefusesAKeyOutsideThem() throws Exception {
		trust("app", "static", """
				{"issuer":"%s","jwks":%s,"audiences":["static"],"subject":"*"}""".formatted(issuer.url(),
				issuer.publicJwks()));
		var app = "urn:vaas:bundle:" + ns + "/app";
		exchange(issuer.sign("rsa", claims(Instant.now()).audience("static").build()), app).expect(200);
		issuer.hidden("stranger");
		exchange(issuer.sign("stranger", claims(Instant.now()).audience("static").build()), app).expect(400);
		var refusals = api.audit("namespace=" + ns + "&action=identity.exchange&outcome=failed",
				page -> page.get("totalEvents").asLong() >= 1);
		assertThat(refusals.toString()).contains("static: no key of the issuer matches the token's kid stranger");
	}

	@Test
	void keysOutOfReachAskTheAgentToRetry() {
		new Agents(api).bundle(ns, "offline");
		trust("offline", "down", """
				{"issuer":"%s","jwksUri":"%s/nothing","audiences":["vaas"],"subject":"*"}""".formatted(issuer.url(),
				issuer.url()));
		var token = issuer.sign("ec", issuer.kubernetes("shop", "web", "web-0", "vaas").build());
		var reply = exchange(token, "urn:vaas:bundle:" + ns + "/offline").expect(503);
		assertThat(reply.json().get("error").asString()).isEqualTo("temporarily_unavailable");
		assertThat(reply.header("Retry-After")).isEqualTo("5");
		var audit = api.audit("namespace=" + ns + "&action=identity.exchange&outcome=failed",
				page -> page.toString().contains("out of reach"));
		assertThat(audit.toString()).contains("down: the issuer's keys are out of reach");
	}

	@Test
	void aDeletedTrustLetsNoMoreTokensInAndEndsTheSessionsItLetIn() {
		var token = issuer.sign("ec", issuer.kubernetes("shop", "web", "web-0", "vaas").build());
		var access = exchange(token, "urn:vaas:bundle:" + ns + "/app").expect(200)
			.json()
			.get("access_token")
			.asString();
		api.call("GET", "/api/v1/agent/bundle").token(access).send().expect(200);
		api.delete("/api/v1/namespaces/" + ns + "/bundles/app/trusts/web", ADMIN_TOKEN).expect(204);
		exchange(token, "urn:vaas:bundle:" + ns + "/app").expect(400);
		// The sessions it let in are revoked.
		api.call("GET", "/api/v1/agent/bundle").token(access).send().expect(401);
		var sessions = api.get("/api/v1/namespaces/" + ns + "/agents", ADMIN_TOKEN).expect(200).json();
		assertThat(sessions.get(0).get("status").asString()).isEqualTo("revoked");
	}

	private JWTClaimsSet.Builder claims(Instant now) {
		return issuer.kubernetes("shop", "web", "web-0", "vaas")
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(600)));
	}

	private String hmacWithPublicKey(JWTClaimsSet claims) throws Exception {
		var rsa = (RSAKey) com.nimbusds.jose.jwk.JWKSet.parse(issuer.publicJwks()).getKeyByKeyId("rsa");
		var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa").build(), claims);
		jwt.sign(new MACSigner(rsa.toPublicKey().getEncoded()));
		return jwt.serialize();
	}

	private static String tampered(String token) {
		var parts = token.split("\\.");
		var payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"web-0\"",
				"\"web-9\"");
		return parts[0] + "."
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
				+ parts[2];
	}

	private void trust(String bundle, String name, String body) {
		api.put("/api/v1/namespaces/" + ns + "/bundles/" + bundle + "/trusts/" + name, ADMIN_TOKEN, body).expect(201);
	}

	private Api.Reply exchange(String token, String resource) {
		return new Agents(api).exchangeIdentity(token, resource);
	}

	private static JsonNode byPod(JsonNode sessions, String pod) {
		for (var session : sessions) {
			if (session.has("kubernetes") && pod.equals(session.get("kubernetes").get("pod").asString())) {
				return session;
			}
		}
		throw new AssertionError("no session of pod " + pod + " in " + sessions);
	}

	/** The reason as it appears inside the audit page's JSON (quotes escaped). */
	private static String jsonText(String reason) {
		return reason.replace("\"", "\\\"");
	}

}
