package io.vaas.shared;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vaas.support.Agents;
import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import io.vaas.support.RawHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A corpus of hostile requests — path tricks, huge and deeply nested bodies, wrong media
 * types, huge headers, forged tokens, odd methods, repeated keys and parameters, bad text
 * — sent over real HTTP (a plain socket where the JDK's client refuses to send them).
 * Every one must be answered below 500, without a stack trace, a class name or the
 * submitted secret, and must change nothing: configs, secrets, bundles, seeds, sessions,
 * tokens, keys and the audit log's change events are compared before and after.
 */
@PostgresIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileRequestsIntegrationTests {

	/** Put into every submitted value that could be echoed. */
	static final String MARKER = "h0st1l3";

	static final byte[] TEN_MEGABYTES = ("{\"data\":{\"a\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}}")
		.getBytes(StandardCharsets.UTF_8);

	@LocalServerPort
	int port;

	Api api;

	RawHttp raw;

	String ns;

	String base;

	String seed;

	String access;

	@BeforeAll
	void setUp() {
		api = new Api(port);
		raw = new RawHttp(port);
		ns = Api.unique("hostile");
		base = "/api/v1/namespaces/" + ns;
		api.namespace(ns);
		api.put(base + "/configs/c", ADMIN_TOKEN, "{\"data\":{\"port\":3306}}").expect(201);
		api.put(base + "/secrets/s", ADMIN_TOKEN, "{\"value\":\"" + MARKER + "-secret\"}").expect(201);
		api.put(base + "/bundles/app", ADMIN_TOKEN, """
				{"files":[{"area":"configuration","path":"app.conf","template":"port={{ config.c.port }}"},
				 {"area":"secret","path":"pw","secret":"s"}]}""").expect(201);
		var agents = new Agents(api);
		seed = agents.seed(ns, "app", "{\"uses\":100}");
		access = agents.accessToken(seed);
	}

	/** One hostile request and what it is answered in. */
	record Case(String name, boolean rfc6749, Function<HostileRequestsIntegrationTests, Api.Reply> send) {

		static Case of(String name, Function<HostileRequestsIntegrationTests, Api.Reply> send) {
			return new Case(name, false, send);
		}

		static Case exchange(String name, Function<HostileRequestsIntegrationTests, Api.Reply> send) {
			return new Case(name, true, send);
		}

		@Override
		public String toString() {
			return name;
		}

	}

	Stream<Case> corpus() {
		var cases = new ArrayList<Case>();
		cases.addAll(pathTricks());
		cases.addAll(bodies());
		cases.addAll(mediaTypes());
		cases.addAll(headers());
		cases.addAll(forgedTokens());
		cases.addAll(methods());
		cases.addAll(repeatedParameters());
		return cases.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("corpus")
	void answersBelow500WithoutALeakAndChangesNothing(Case hostile) {
		var before = state();
		var reply = hostile.send().apply(this);
		assertThat(reply.status()).as("%s answered %s", hostile, reply.body()).isBetween(200, 499);
		assertNoLeak(hostile, reply);
		if (reply.status() >= 400 && !reply.body().isEmpty()) {
			assertThat(reply.header("Content-Type")).as(hostile.name())
				.startsWith(hostile.rfc6749() ? "application/" : "application/problem+json");
		}
		assertThat(state()).as("what %s left behind", hostile).isEqualTo(before);
	}

	/**
	 * A method Tomcat does not implement and an HTTP version it does not speak are the
	 * only 5xx a client can cause; they are problems with types of their own.
	 */
	@Test
	void answersConnectAndUnknownHttpVersionsWithTheirOwnProblems() {
		var connect = raw.send("CONNECT 127.0.0.1:5432 HTTP/1.1", new byte[0]);
		assertThat(connect.status()).isEqualTo(501);
		assertThat(connect.json().get("type").asString()).isEqualTo("urn:vaas:problem:not-implemented");
		var version = raw.send("GET /api/v1/namespaces HTTP/2.0", new byte[0]);
		assertThat(version.status()).isEqualTo(505);
		assertThat(version.json().get("type").asString()).isEqualTo("urn:vaas:problem:http-version-not-supported");
	}

	List<Case> pathTricks() {
		return List.of(Case.of("encoded dot-dot-slash", t -> t.put(t.base + "/..%2f..%2fconfigs/c", valid())),
				Case.of("percent-encoded dot-dot", t -> t.put(t.base + "/configs/%2e%2e/c", valid())),
				Case.of("raw dot-dot segment", t -> t.rawPut(t.base + "/configs/x/../c", valid())),
				Case.of("raw dot segment", t -> t.rawPut(t.base + "/./configs/c", valid())),
				Case.of("jsessionid", t -> t.put(t.base + "/configs/c;jsessionid=" + MARKER, valid())),
				Case.of("matrix parameter", t -> t.put(t.base + "/configs;" + MARKER + "=1/c", valid())),
				Case.of("double slash before the namespace",
						t -> t.put("/api/v1/namespaces//" + t.ns + "/configs/c", valid())),
				Case.of("double slash inside", t -> t.put(t.base + "//configs/c", valid())),
				Case.of("trailing slash", t -> t.put(t.base + "/configs/c/", valid())),
				Case.of("overlong config name", t -> t.put(t.base + "/configs/" + "c".repeat(300), valid())),
				Case.of("overlong namespace", t -> t.put("/api/v1/namespaces/" + "n".repeat(64), "")),
				Case.of("unicode look-alike config name", t -> t.put(t.base + "/configs/%D1%81", valid())),
				Case.of("unicode look-alike namespace",
						t -> t.put("/api/v1/namespaces/h%D0%BEstile-" + MARKER.substring(0, 4), "")),
				Case.of("fullwidth dots", t -> t.put(t.base + "/configs/%EF%BC%8E%EF%BC%8E", valid())),
				Case.of("overlong UTF-8 dots", t -> t.put(t.base + "/configs/%C0%AE%C0%AE/c", valid())),
				Case.of("percent-encoded NUL", t -> t.put(t.base + "/configs/c%00", valid())),
				Case.of("raw NUL in the request line", t -> t.rawPut(t.base + "/configs/c\u0000", valid())),
				Case.of("encoded backslash", t -> t.put(t.base + "/configs%5Cc", valid())),
				Case.of("malformed percent-encoding", t -> t.rawPut(t.base + "/configs/%zz", valid())),
				Case.of("upper-case API prefix", t -> t.put("/API/v1/namespaces/" + t.ns + "/configs/c", valid())),
				Case.of("path over 10,000 characters", t -> t.api.get(t.base + "/" + "x".repeat(10_000), ADMIN_TOKEN)));
	}

	List<Case> bodies() {
		var deep = 10_000;
		return List.of(Case.of("10 MB body", t -> t.rawPutBytes(t.base + "/configs/c", TEN_MEGABYTES)),
				Case.of("10 MB chunked body",
						t -> t.raw.send(
								"PUT " + t.base + "/configs/c HTTP/1.1\r\nAuthorization: Bearer " + ADMIN_TOKEN
										+ "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked",
								RawHttp.chunked(TEN_MEGABYTES))),
				Case.exchange("10 MB form to the exchange",
						t -> t.raw.send("POST /api/v1/auth/token HTTP/1.1\r\nContent-Type: "
								+ "application/x-www-form-urlencoded\r\nContent-Length: " + TEN_MEGABYTES.length,
								TEN_MEGABYTES)),
				Case.of("10,000 nested objects",
						t -> t.put(t.base + "/configs/c",
								"{\"data\":" + "{\"a\":".repeat(deep) + "1" + "}".repeat(deep) + "}")),
				Case.of("10,000 nested arrays in a secret",
						t -> t.put(t.base + "/secrets/s", "{\"value\":" + "[".repeat(deep) + "]".repeat(deep) + "}")),
				Case.of("10,000 nested arrays in a bundle",
						t -> t.put(t.base + "/bundles/app", "{\"files\":" + "[".repeat(deep) + "]".repeat(deep) + "}")),
				Case.exchange("10,000 nested objects to the exchange",
						t -> t.api.call("POST", "/api/v1/auth/token")
							.json("{\"subject_token\":" + "{\"a\":".repeat(deep) + "1" + "}".repeat(deep) + "}")
							.send()),
				Case.of("number of 5,000 digits",
						t -> t.put(t.base + "/configs/c", "{\"data\":{\"port\":1" + "0".repeat(5000) + "}}")),
				Case.of("number beyond double", t -> t.put(t.base + "/configs/c", "{\"data\":{\"port\":1e999999999}}")),
				Case.of("duplicate key",
						t -> t.put(t.base + "/configs/c", "{\"data\":{\"port\":1,\"port\":\"" + MARKER + "\"}}")),
				Case.of("duplicate nested key",
						t -> t.put(t.base + "/configs/c",
								"{\"data\":{\"db\":{\"a\":1,\"a\":2}},\"comment\":\"" + MARKER + "\"}")),
				Case.of("duplicate secret value",
						t -> t.put(t.base + "/secrets/s",
								"{\"value\":\"" + MARKER + "1\",\"value\":\"" + MARKER + "2\"}")),
				Case.of("duplicate key in a bundle",
						t -> t.put(t.base + "/bundles/app",
								"{\"files\":[],\"files\":[{\"area\":\"secret\",\"path\":\"x\",\"secret\":\"s\"}]}")),
				Case.of("duplicate key in a token",
						t -> t.api.post("/api/v1/tokens", ADMIN_TOKEN,
								"{\"name\":\"" + MARKER
										+ "\",\"name\":\"x\",\"roles\":[{\"namespace\":\"*\",\"role\":\"admin\"}]}")),
				Case.exchange("duplicate key in the exchange with a real seed",
						t -> t.api.call("POST", "/api/v1/auth/token")
							.json("{\"grant_type\":\"" + Agents.TOKEN_EXCHANGE + "\",\"subject_token\":\"" + t.seed
									+ "\",\"subject_token_type\":\"" + Agents.SEED_TYPE + "\",\"subject_token\":\""
									+ t.seed + "\"}")
							.send()),
				Case.of("NUL in a config key", t -> t.put(t.base + "/configs/c", "{\"data\":{\"k\\u0000\":1}}")),
				Case.of("lone surrogate in a config value",
						t -> t.put(t.base + "/configs/c", "{\"data\":{\"k\":\"" + MARKER + "\\ud800\"}}")),
				Case.of("lone surrogate as raw bytes",
						t -> t.rawPutBytes(t.base + "/configs/c",
								concat("{\"data\":{\"k\":\"", new byte[] { (byte) 0xED, (byte) 0xB0, (byte) 0x80 },
										"\"}}"))),
				Case.of("invalid UTF-8",
						t -> t.rawPutBytes(t.base + "/configs/c",
								concat("{\"data\":{\"k\":\"", new byte[] { (byte) 0xFF, (byte) 0xC0 }, "\"}}"))),
				Case.of("NUL in secret text",
						t -> t.put(t.base + "/secrets/s", "{\"value\":\"" + MARKER + "\\u0000\"}")),
				Case.of("NUL in a template",
						t -> t.put(t.base + "/bundles/app",
								"{\"files\":[{\"area\":\"configuration\",\"path\":\"a\",\"template\":\"" + MARKER
										+ "\\u0000\"}]}")),
				Case.of("lone surrogate in a token name",
						t -> t.api.post("/api/v1/tokens", ADMIN_TOKEN,
								"{\"name\":\"\\udc00" + MARKER
										+ "\",\"roles\":[{\"namespace\":\"*\",\"role\":\"admin\"}]}")),
				Case.of("NUL in a seed description",
						t -> t.api.post(t.base + "/bundles/app/seeds", ADMIN_TOKEN,
								"{\"description\":\"" + MARKER + "\\u0000\"}")),
				Case.of("unpadded base64", t -> t.put(t.base + "/secrets/s", "{\"valueBase64\":\"aDBzdDFsMw\"}")),
				Case.of("empty base64", t -> t.put(t.base + "/secrets/s", "{\"valueBase64\":\"\"}")),
				Case.of("URL-safe base64", t -> t.put(t.base + "/secrets/s", "{\"valueBase64\":\"_-8=\"}")),
				Case.of("base64 with line breaks",
						t -> t.put(t.base + "/secrets/s", "{\"valueBase64\":\"aDBz\\ndDFsMw==\"}")),
				Case.of("empty secret", t -> t.put(t.base + "/secrets/s", "{\"value\":\"\"}")),
				Case.of("token expiring in year 999999",
						t -> t.api.post("/api/v1/tokens", ADMIN_TOKEN,
								"{\"name\":\"" + MARKER + "\",\"roles\":[{\"namespace\":\"*\",\"role\":\"admin\"}],"
										+ "\"expiresAt\":\"+999999-01-01T00:00:00Z\"}")),
				Case.of("seed living 99,999,999,999 days",
						t -> t.api.post(t.base + "/bundles/app/seeds", ADMIN_TOKEN, "{\"ttl\":\"P99999999999D\"}")),
				Case.of("seed with a negative lifetime",
						t -> t.api.post(t.base + "/bundles/app/seeds", ADMIN_TOKEN, "{\"ttl\":\"PT-1S\"}")),
				Case.of("session lifetime overflowing a long",
						t -> t.api.post(t.base + "/bundles/app/seeds", ADMIN_TOKEN,
								"{\"maxSessionLifetime\":\"P999999999999999D\"}")),
				Case.of("audit since year 999999",
						t -> t.api.get("/api/v1/audit?since=%2B999999-01-01T00:00:00Z", ADMIN_TOKEN)),
				Case.of("null body", t -> t.put(t.base + "/configs/c", "null")),
				Case.of("array body", t -> t.put(t.base + "/configs/c", "[]")),
				Case.of("truncated body", t -> t.put(t.base + "/configs/c", "{\"data\":{\"port\":")),
				Case.of("empty JSON body",
						t -> t.api.call("PUT", t.base + "/configs/c")
							.token(ADMIN_TOKEN)
							.body("application/json", new byte[0])
							.send()));
	}

	List<Case> mediaTypes() {
		var body = valid().getBytes(StandardCharsets.UTF_8);
		return List.of(Case.of("text/plain", t -> t.putAs("text/plain", body)),
				Case.of("application/xml", t -> t.putAs("application/xml", ("<data>" + MARKER + "</data>").getBytes())),
				Case.of("multipart", t -> t.putAs("multipart/form-data; boundary=b",
						("--b\r\nContent-Disposition: form-data; name=\"data\"\r\n\r\n" + valid() + "\r\n--b--\r\n")
							.getBytes())),
				Case.of("form where JSON is expected",
						t -> t.putAs("application/x-www-form-urlencoded", ("data=" + MARKER).getBytes())),
				Case.of("JSON in EBCDIC", t -> t.putAs("application/json; charset=IBM500", body)),
				Case.of("no content type", t -> t.rawPutBytes(t.base + "/configs/c", body, null)),
				Case.exchange("text/plain to the exchange",
						t -> t.api.call("POST", "/api/v1/auth/token")
							.body("text/plain", t.form(t.seed).getBytes())
							.send()),
				Case.exchange("multipart to the exchange with a real seed",
						t -> t.api.call("POST", "/api/v1/auth/token")
							.body("multipart/form-data; boundary=b",
									("--b\r\nContent-Disposition: form-data; name=\"subject_token\"\r\n\r\n" + t.seed
											+ "\r\n--b--\r\n")
										.getBytes())
							.send()),
				Case.exchange("JSON where a form is expected, with a forged seed",
						t -> t.api.call("POST", "/api/v1/auth/token")
							.json("{\"grant_type\":\"" + Agents.TOKEN_EXCHANGE + "\",\"subject_token\":\"vaas_seed_"
									+ MARKER + "\",\"subject_token_type\":\"" + Agents.SEED_TYPE + "\"}")
							.send()),
				Case.exchange("the seed in the query",
						t -> t.api.call("POST", "/api/v1/auth/token?" + t.form(t.seed))
							.body("application/x-www-form-urlencoded", new byte[0])
							.send()),
				Case.exchange("the seed twice in the form",
						t -> t.api.call("POST", "/api/v1/auth/token")
							.body("application/x-www-form-urlencoded",
									(t.form(t.seed) + "&subject_token=" + t.seed).getBytes())
							.send()),
				Case.of("Accept XML",
						t -> t.api.call("GET", t.base + "/configs/c")
							.token(ADMIN_TOKEN)
							.header("Accept", "application/xml")
							.send()),
				Case.of("malformed Accept",
						t -> t.api.call("GET", t.base + "/configs/c")
							.token(ADMIN_TOKEN)
							.header("Accept", ";;" + MARKER + "/;q=x")
							.send()));
	}

	List<Case> headers() {
		return List.of(
				Case.of("100 KB header",
						t -> t.raw.send(t.putHead(t.base + "/configs/c") + "\r\nX-Big: " + MARKER.repeat(15_000),
								valid().getBytes())),
				Case.of("1,000 headers",
						t -> t.raw.send(t.putHead(t.base + "/configs/c") + "\r\nX-" + MARKER + ": 1"
								+ "\r\nX-A: 1".repeat(1000), valid().getBytes())),
				Case.of("NUL in a header",
						t -> t.raw.send(t.putHead(t.base + "/configs/c") + "\r\nX-Note: " + MARKER + "\u0000",
								valid().getBytes())),
				Case.of("two Content-Lengths",
						t -> t.raw.send(t.putHead(t.base + "/configs/c") + "\r\nContent-Length: 1",
								valid().getBytes())),
				Case.of("two Authorization headers",
						t -> t.api.call("PUT", t.base + "/configs/c")
							.token(ADMIN_TOKEN)
							.token("vaas_op_" + MARKER)
							.json(valid())
							.send()),
				Case.of("no Host",
						t -> t.raw.send(("PUT " + t.base + "/configs/c HTTP/1.1\r\nAuthorization: Bearer " + ADMIN_TOKEN
								+ "\r\nContent-Type: application/json\r\nContent-Length: " + valid().length()
								+ "\r\nConnection: close\r\n\r\n" + valid())
							.getBytes())));
	}

	List<Case> forgedTokens() {
		return List.of(Case.of("alg none on the bundle path", t -> t.fetch(t.algNone())),
				Case.of("alg none as an operator token", t -> t.putWith(t.algNone())),
				Case.of("access token with a wrong signature", t -> t.fetch(t.wrongSignature())),
				Case.of("truncated access token", t -> t.fetch(t.access.substring(0, t.access.length() - 20))),
				Case.of("HS256 access token", t -> t.fetch(t.hs256())),
				Case.of("ES256 with a key id of ../../etc/passwd", t -> t.fetch(t.foreignKey("../../etc/passwd"))),
				Case.of("access token as an operator token", t -> t.putWith(t.access)),
				Case.of("operator token as an access token", t -> t.fetch(ADMIN_TOKEN)),
				Case.of("operator-token-shaped with a bad checksum",
						t -> t.putWith("vaas_op_" + (MARKER + "x".repeat(40)).substring(0, 40) + "AAAAAA")),
				Case.of("well-formed unknown operator token", t -> t.putWith(Tokens.generate("vaas_op_"))),
				Case.of("real seed as an operator token", t -> t.putWith(t.seed)),
				Case.of("real seed as an access token", t -> t.fetch(t.seed)),
				Case.of("unknown seed-shaped token", t -> t.putWith(Tokens.generate("vaas_seed_"))),
				Case.of("empty bearer",
						t -> t.api.call("PUT", t.base + "/configs/c")
							.header("Authorization", "Bearer ")
							.json(valid())
							.send()),
				Case.of("basic scheme", t -> t.api.call("PUT", t.base + "/configs/c")
					.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((MARKER + ":x").getBytes()))
					.json(valid())
					.send()),
				Case.of("7 KB bearer", t -> t.putWith(MARKER.repeat(1000))), Case.of("forged renewal",
						t -> t.api.call("POST", "/api/v1/auth/renew").token(t.wrongSignature()).send()));
	}

	List<Case> methods() {
		return List.of(Case.of("TRACE", t -> t.api.call("TRACE", "/api/v1/namespaces").token(ADMIN_TOKEN).send()),
				Case.of("TRACE on the bundle path",
						t -> t.api.call("TRACE", "/api/v1/agent/bundle").token(t.access).send()),
				Case.of("OPTIONS", t -> t.api.call("OPTIONS", t.base + "/configs/c").token(ADMIN_TOKEN).send()),
				Case.of("OPTIONS without a token", t -> t.api.call("OPTIONS", t.base + "/secrets/s/reveal").send()),
				Case.of("PATCH",
						t -> t.api.call("PATCH", t.base + "/configs/c").token(ADMIN_TOKEN).json(valid()).send()),
				Case.of("DELETE a namespace", t -> t.api.delete(t.base, ADMIN_TOKEN)),
				Case.of("GET on reveal", t -> t.api.get(t.base + "/secrets/s/reveal", ADMIN_TOKEN)),
				Case.of("PROPFIND", t -> t.api.call("PROPFIND", t.base).token(ADMIN_TOKEN).send()),
				Case.of("made-up method", t -> t.api.call("H0ST1L3", t.base + "/configs/c").token(ADMIN_TOKEN).send()));
	}

	List<Case> repeatedParameters() {
		return List.of(
				Case.of("reveal with two versions",
						t -> t.api.post(t.base + "/secrets/s/reveal?version=1&version=2", ADMIN_TOKEN, "")),
				Case.of("reveal with an encoded second version",
						t -> t.api.post(t.base + "/secrets/s/reveal?version=1&%76ersion=1", ADMIN_TOKEN, "")),
				Case.of("bundle with two waits", t -> t.api.get("/api/v1/agent/bundle?wait=0&wait=1", t.access)),
				Case.of("key rotation with two batch sizes",
						t -> t.api.post("/api/v1/keys/rotate?batchSize=1&batchSize=2", ADMIN_TOKEN, "")),
				Case.of("diff with two froms",
						t -> t.api.get(t.base + "/configs/c/diff?from=1&from=2&to=1", ADMIN_TOKEN)),
				Case.exchange("exchange with repeated query parameters",
						t -> t.api.call("POST", "/api/v1/auth/token?a=1&a=2").json("{}").send()));
	}

	/**
	 * Everything a hostile request could have changed, as the bootstrap admin sees it.
	 * Token and key states are reduced to what a request could change (a token's
	 * {@code status} also turns to expired on its own).
	 */
	private String state() {
		var out = new StringBuilder();
		for (var path : List.of("/api/v1/namespaces", base + "/configs", base + "/configs/c/versions",
				base + "/secrets", base + "/secrets/s", base + "/bundles/app/revisions", base + "/seeds",
				base + "/agents")) {
			out.append(path).append(' ').append(api.get(path, ADMIN_TOKEN).expect(200).body()).append('\n');
		}
		for (var token : api.get("/api/v1/tokens", ADMIN_TOKEN).expect(200).json()) {
			out.append("token ").append(token.get("id")).append(token.get("name")).append(token.get("revokedAt"));
		}
		for (var key : api.get("/api/v1/keys", ADMIN_TOKEN).expect(200).json()) {
			out.append("key ").append(key.get("id")).append(key.get("status"));
		}
		out.append("\nchanges in the namespace ").append(api.auditCount("namespace=" + ns + "&outcome=success", 0));
		out.append("\nchanges by the admin ").append(api.auditCount("actor=bootstrap-admin&outcome=success", 0));
		return out.toString();
	}

	private void assertNoLeak(Case hostile, Api.Reply reply) {
		var body = reply.body();
		if (body.startsWith("{")) {
			var problem = (ObjectNode) reply.json();
			// The request's own path, which holds some of the corpus's tricks.
			problem.remove("instance");
			body = problem.toString();
		}
		var signature = access.substring(access.lastIndexOf('.') + 1);
		assertThat(body).as("body of %s", hostile)
			.doesNotContain("java.")
			.doesNotContain("io.vaas.")
			.doesNotContain("Exception")
			.doesNotContain("\tat ")
			.doesNotContain("springframework")
			.doesNotContain("jackson")
			.doesNotContain(MARKER)
			.doesNotContain(ADMIN_TOKEN)
			.doesNotContain(seed)
			.doesNotContain(signature);
		assertThat(reply.headers().map().toString()).as("headers of %s", hostile)
			.doesNotContain(MARKER)
			.doesNotContain(seed);
	}

	private static String valid() {
		return "{\"data\":{\"port\":1},\"comment\":\"" + MARKER + "\"}";
	}

	private static byte[] concat(String before, byte[] middle, String after) {
		var out = new java.io.ByteArrayOutputStream();
		out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
		out.writeBytes(middle);
		out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

	private Api.Reply put(String path, String json) {
		return api.put(path, ADMIN_TOKEN, json);
	}

	private Api.Reply putAs(String contentType, byte[] body) {
		return api.call("PUT", base + "/configs/c").token(ADMIN_TOKEN).body(contentType, body).send();
	}

	private Api.Reply putWith(String bearer) {
		return api.call("PUT", base + "/configs/c").token(bearer).json(valid()).send();
	}

	private Api.Reply fetch(String bearer) {
		return api.get("/api/v1/agent/bundle", bearer);
	}

	private String putHead(String path) {
		return "PUT " + path + " HTTP/1.1\r\nAuthorization: Bearer " + ADMIN_TOKEN
				+ "\r\nContent-Type: application/json\r\nContent-Length: " + valid().length();
	}

	private Api.Reply rawPut(String path, String json) {
		return rawPutBytes(path, json.getBytes(StandardCharsets.UTF_8));
	}

	private Api.Reply rawPutBytes(String path, byte[] body) {
		return rawPutBytes(path, body, "application/json");
	}

	private Api.Reply rawPutBytes(String path, byte[] body, String contentType) {
		return raw.send("PUT " + path + " HTTP/1.1\r\nAuthorization: Bearer " + ADMIN_TOKEN
				+ (contentType == null ? "" : "\r\nContent-Type: " + contentType) + "\r\nContent-Length: "
				+ body.length, body);
	}

	private String form(String subjectToken) {
		return "grant_type=" + URLEncoder.encode(Agents.TOKEN_EXCHANGE, StandardCharsets.UTF_8) + "&subject_token="
				+ subjectToken + "&subject_token_type=" + URLEncoder.encode(Agents.SEED_TYPE, StandardCharsets.UTF_8);
	}

	private String algNone() {
		var encoder = Base64.getUrlEncoder().withoutPadding();
		var claims = access.split("\\.")[1];
		return encoder.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes()) + "." + claims + ".";
	}

	private String wrongSignature() {
		var parts = access.split("\\.");
		var signature = Base64.getUrlDecoder().decode(parts[2]);
		signature[5] ^= 0x01;
		return parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
	}

	private String hs256() {
		try {
			var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims());
			jwt.sign(new MACSigner((MARKER + "-a-32-byte-long-hmac-secret-key").getBytes()));
			return jwt.serialize();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String foreignKey(String keyId) {
		try {
			var key = new ECKeyGenerator(Curve.P_256).keyID(keyId).generate();
			var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keyId).build(), claims());
			jwt.sign(new ECDSASigner(key));
			return jwt.serialize();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The claims of the real access token, under a forged signature. */
	private JWTClaimsSet claims() {
		try {
			return SignedJWT.parse(access).getJWTClaimsSet();
		}
		catch (java.text.ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
