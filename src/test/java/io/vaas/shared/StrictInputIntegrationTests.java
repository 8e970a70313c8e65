package io.vaas.shared;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import io.vaas.support.Agents;
import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import io.vaas.support.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strict input over real HTTP: one value per JSON property and per query parameter,
 * canonical base64, well-formed text and sane times — each case an outside probe found
 * accepted (or answered with a 500), and nothing stored by a refused request.
 */
@PostgresIntegrationTest
class StrictInputIntegrationTests {

	static final String MARKER = "m4rk3r";

	@LocalServerPort
	int port;

	Api api;

	Agents agents;

	String ns;

	String base;

	@BeforeEach
	void setUp() {
		api = new Api(port);
		agents = new Agents(api);
		ns = Api.unique("strict");
		api.namespace(ns);
		base = "/api/v1/namespaces/" + ns;
	}

	@Test
	void refusesATokenExpiryBeyondYear9999WithA400InsteadOfA500() {
		for (var expiry : new String[] { "+999999-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "1969-12-31T23:59:59Z",
				"-000001-01-01T00:00:00Z" }) {
			var name = Api.unique("far");
			var refused = api.post("/api/v1/tokens", ADMIN_TOKEN, token(name, expiry))
				.expectProblem(400, "malformed-request");
			assertThat(refused.json().get("detail").asString()).as(expiry)
				.startsWith("Property 'expiresAt' must be an ISO-8601 UTC timestamp")
				.contains("9999-12-31T23:59:59Z")
				.doesNotContain(expiry);
			assertThat(api.get("/api/v1/tokens", ADMIN_TOKEN).expect(200).body()).doesNotContain(name);
		}
		var created = api.post("/api/v1/tokens", ADMIN_TOKEN, token(Api.unique("last"), "9999-12-31T23:59:59Z"))
			.expect(201);
		assertThat(created.json().get("details").get("expiresAt").asString()).isEqualTo("9999-12-31T23:59:59Z");
	}

	@Test
	void refusesAPropertyGivenTwiceInEveryBodyNamingItsPathButNoValue() {
		agents.bundle(ns, "app");
		var one = MARKER + "-one";
		var two = MARKER + "-two";
		assertTwice(
				api.put(base + "/configs/c", ADMIN_TOKEN, "{\"data\":{\"a\":\"" + one + "\",\"a\":\"" + two + "\"}}"),
				"data.a");
		assertTwice(api.put(base + "/configs/c", ADMIN_TOKEN, "{\"data\":{\"a\":1},\"data\":{\"b\":2}}"), "data");
		assertTwice(api.put(base + "/secrets/s", ADMIN_TOKEN, "{\"value\":\"" + one + "\",\"value\":\"" + two + "\"}"),
				"value");
		assertTwice(api.put(base + "/bundles/b", ADMIN_TOKEN,
				"{\"files\":[{\"area\":\"configuration\",\"path\":\"a\",\"template\":\"" + one + "\",\"template\":\""
						+ two + "\"}]}"),
				"files[0].template");
		assertTwice(api.post(base + "/bundles/app/seeds", ADMIN_TOKEN, "{\"uses\":1,\"uses\":100}"), "uses");
		assertTwice(api.post("/api/v1/tokens", ADMIN_TOKEN, "{\"name\":\"" + one + "\",\"roles\":[{\"namespace\":\""
				+ ns + "\",\"role\":\"viewer\",\"role\":\"admin\"}]}"), "roles[0].role");
		api.get(base + "/configs/c", ADMIN_TOKEN).expectProblem(404, "config-not-found");
		api.get(base + "/secrets/s", ADMIN_TOKEN).expectProblem(404, "secret-not-found");
		api.get(base + "/bundles/b", ADMIN_TOKEN).expectProblem(404, "bundle-not-found");
		assertThat(api.get(base + "/seeds", ADMIN_TOKEN).json().size()).isZero();
		assertThat(api.get("/api/v1/tokens", ADMIN_TOKEN).body()).doesNotContain(one);

		var seed = agents.seed(ns, "app", "{}");
		var exchange = api.call("POST", "/api/v1/auth/token")
			.json("{\"grant_type\":\"" + Agents.TOKEN_EXCHANGE + "\",\"subject_token\":\"" + seed
					+ "\",\"subject_token\":\"" + seed + "\",\"subject_token_type\":\"" + Agents.SEED_TYPE + "\"}")
			.send()
			.expect(400);
		assertThat(exchange.json().get("error").asString()).isEqualTo("invalid_request");
		assertThat(exchange.body()).doesNotContain(seed);
		// The refused exchange took no use of the single-use seed.
		agents.accessToken(seed);
	}

	@Test
	void refusesUnpaddedEmptyAndOtherNonCanonicalBase64NamingTheField() {
		for (var base64 : new String[] { "YQ", "YQ=", "YR==", "_-8=", "YW Jj", "YWJj\\n", "" }) {
			var refused = api.put(base + "/secrets/s", ADMIN_TOKEN, "{\"valueBase64\":\"" + base64 + "\"}")
				.expectProblem(422, "invalid-secret");
			assertThat(refused.json().get("detail").asString()).as(base64).startsWith("valueBase64 must");
		}
		var empty = api.put(base + "/secrets/s", ADMIN_TOKEN, "{\"value\":\"\"}").expectProblem(422, "invalid-secret");
		assertThat(empty.json().get("detail").asString()).startsWith("value must not be empty");
		api.get(base + "/secrets/s", ADMIN_TOKEN).expectProblem(404, "secret-not-found");

		api.put(base + "/secrets/s", ADMIN_TOKEN, "{\"valueBase64\":\"YQ==\"}").expect(201);
		assertThat(api.post(base + "/secrets/s/reveal", ADMIN_TOKEN, "").json().get("valueBase64").asString())
			.isEqualTo("YQ==");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"data\":{\"k\\u0000\":\"v\"}}", "{\"data\":{\"db\":{\"k\\u0000\":\"v\"}}}",
			"{\"data\":{\"k\":\"v\\u0000" + MARKER + "\"}}", "{\"data\":{\"db\":{\"k\":\"" + MARKER + "\\udc00\"}}}",
			"{\"data\":{\"k\":\"\\ude00\\ud83d\"}}" })
	void refusesNulAndLoneSurrogatesInConfigKeysAndValues(String body) {
		var refused = api.put(base + "/configs/c", ADMIN_TOKEN, body).expectProblem(422, "invalid-config");
		assertThat(refused.json().get("detail").asString()).startsWith("data")
			.contains("must not contain NUL (U+0000) or unpaired surrogates");
		assertThat(refused.body()).doesNotContain(MARKER).doesNotContain("\\u0000");
		api.get(base + "/configs/c", ADMIN_TOKEN).expectProblem(404, "config-not-found");
	}

	@Test
	void refusesALoneSurrogateInAKeyAlreadyAsJson() {
		// Jackson's byte parser takes no unpaired surrogate in a property name.
		var refused = api.put(base + "/configs/c", ADMIN_TOKEN, "{\"data\":{\"db\":{\"\\ud800\":\"v\"}}}")
			.expectProblem(400, "malformed-request");
		assertThat(refused.json().get("detail").asString()).startsWith("The body is not valid JSON");
		api.get(base + "/configs/c", ADMIN_TOKEN).expectProblem(404, "config-not-found");
	}

	@Test
	void refusesALoneSurrogateSentAsRawBytes() {
		var head = "PUT " + base + "/configs/c HTTP/1.1\r\nAuthorization: Bearer " + ADMIN_TOKEN
				+ "\r\nContent-Type: application/json";
		var body = new ByteArrayOutputStream();
		body.writeBytes("{\"data\":{\"k\":\"".getBytes(StandardCharsets.UTF_8));
		// U+D800 encoded as if it were a character (CESU-8): not UTF-8.
		body.writeBytes(new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 });
		body.writeBytes("\"}}".getBytes(StandardCharsets.UTF_8));
		var bytes = body.toByteArray();
		var reply = new RawHttp(port).send(head + "\r\nContent-Length: " + bytes.length, bytes);
		assertThat(reply.status()).as(reply.body()).isIn(400, 422);
		assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
		api.get(base + "/configs/c", ADMIN_TOKEN).expectProblem(404, "config-not-found");
	}

	@Test
	void refusesNulAndLoneSurrogatesInEveryOtherText() {
		api.put(base + "/configs/c", ADMIN_TOKEN, "{\"data\":{\"a\":1}}").expect(201);
		agents.bundle(ns, "app");
		var bad = new String[] { "a\\u0000b", "a\\ud800b" };
		for (var text : bad) {
			api.put(base + "/secrets/s", ADMIN_TOKEN, "{\"value\":\"" + text + "\"}")
				.expectProblem(422, "invalid-secret");
			api.put(base + "/secrets/s", ADMIN_TOKEN, "{\"value\":\"v\",\"comment\":\"" + text + "\"}")
				.expectProblem(422, "validation-failed");
			api.put(base + "/configs/c", ADMIN_TOKEN, "{\"data\":{\"a\":2},\"comment\":\"" + text + "\"}")
				.expectProblem(422, "validation-failed");
			api.post(base + "/configs/c/rollback", ADMIN_TOKEN, "{\"version\":1,\"comment\":\"" + text + "\"}")
				.expectProblem(422, "validation-failed");
			var template = api
				.put(base + "/bundles/b", ADMIN_TOKEN,
						"{\"files\":[{\"area\":\"configuration\",\"path\":\"a\",\"template\":\"" + text + "\"}]}")
				.expectProblem(422, "validation-failed");
			assertThat(template.json().get("detail").asString()).startsWith("files[0].template must not contain NUL");
			api.put(base + "/bundles/b", ADMIN_TOKEN,
					"{\"files\":[{\"area\":\"configuration\",\"path\":\"" + text + "\",\"template\":\"x\"}]}")
				.expectProblem(422, "validation-failed");
			api.put(base + "/bundles/b", ADMIN_TOKEN, "{\"files\":[],\"comment\":\"" + text + "\"}")
				.expectProblem(422, "validation-failed");
			var description = api.post(base + "/bundles/app/seeds", ADMIN_TOKEN, "{\"description\":\"" + text + "\"}")
				.expectProblem(422, "validation-failed");
			assertThat(description.json().get("detail").asString()).startsWith("description must not contain");
			api.post("/api/v1/tokens", ADMIN_TOKEN,
					"{\"name\":\"" + text + "\",\"roles\":[{\"namespace\":\"" + ns + "\",\"role\":\"viewer\"}]}")
				.expectProblem(422, "validation-failed");
		}
		api.get(base + "/secrets/s", ADMIN_TOKEN).expectProblem(404, "secret-not-found");
		assertThat(api.get(base + "/configs/c/versions", ADMIN_TOKEN).json().size()).isEqualTo(1);
		api.get(base + "/bundles/b", ADMIN_TOKEN).expectProblem(404, "bundle-not-found");
		assertThat(api.get(base + "/seeds", ADMIN_TOKEN).json().size()).isZero();
	}

	@Test
	void refusesNulInAnAppliedDigest() {
		agents.bundle(ns, "app");
		var access = agents.accessToken(agents.seed(ns, "app", "{}"));
		api.post("/api/v1/agent/applied", access, "{\"digest\":\"sha256:\\u0000\"}")
			.expectProblem(422, "validation-failed");
		api.post("/api/v1/agent/applied", access, "{\"digest\":\"sha256:\\ud800\"}")
			.expectProblem(422, "validation-failed");
		assertThat(api.get(base + "/agents", ADMIN_TOKEN).json().get(0).hasNonNull("lastDigestApplied")).isFalse();
		api.post("/api/v1/agent/applied", access, "{\"digest\":\"sha256:ok\"}").expect(204);
		assertThat(api.get(base + "/agents", ADMIN_TOKEN).json().get(0).get("lastDigestApplied").asString())
			.isEqualTo("sha256:ok");
	}

	@Test
	void refusesARepeatedQueryParameterOnRevealWithoutRevealing() {
		api.put(base + "/secrets/s", ADMIN_TOKEN, "{\"value\":\"" + MARKER + "\"}").expect(201);
		api.put(base + "/secrets/s", ADMIN_TOKEN, "{\"value\":\"" + MARKER + "-2\"}").expect(200);
		for (var query : new String[] { "version=1&version=2", "version=1&%76ersion=2", "version=2&version=2" }) {
			var refused = api.post(base + "/secrets/s/reveal?" + query, ADMIN_TOKEN, "")
				.expectProblem(400, "invalid-parameter");
			assertThat(refused.json().get("detail").asString())
				.isEqualTo("Query parameter 'version' is given more than once; give it once");
			assertThat(refused.body()).doesNotContain(MARKER);
		}
		assertThat(api.auditCount("namespace=" + ns + "&action=secret.reveal", 0)).isZero();
		api.post(base + "/secrets/s/reveal?version=1", ADMIN_TOKEN, "").expect(200);
		assertThat(api.auditCount("namespace=" + ns + "&action=secret.reveal", 1)).isEqualTo(1);
	}

	@Test
	void refusesARepeatedQueryParameterBeforeTheBundleIsServed() {
		agents.bundle(ns, "app");
		var access = agents.accessToken(agents.seed(ns, "app", "{}"));
		api.get("/api/v1/agent/bundle?wait=0&wait=1", access).expectProblem(400, "invalid-parameter");
		api.get("/api/v1/agent/bundle?wait=0", access).expect(200);
	}

	@Test
	void refusesRepeatedQueryParametersAnywhereUnderTheApi() {
		var keys = api.get("/api/v1/keys", ADMIN_TOKEN).expect(200).body();
		api.post("/api/v1/keys/rotate?batchSize=1&batchSize=2", ADMIN_TOKEN, "")
			.expectProblem(400, "invalid-parameter");
		assertThat(api.get("/api/v1/keys", ADMIN_TOKEN).expect(200).body()).isEqualTo(keys);
		api.get("/api/v1/audit?size=1&size=2", ADMIN_TOKEN).expectProblem(400, "invalid-parameter");
		api.get(base + "/configs/c/diff?from=1&to=2&from=2", ADMIN_TOKEN).expectProblem(400, "invalid-parameter");
		var odd = api.get("/api/v1/namespaces?%E2%80%AE=1&%E2%80%AE=2", ADMIN_TOKEN)
			.expectProblem(400, "invalid-parameter");
		assertThat(odd.json().get("detail").asString())
			.isEqualTo("A query parameter is given more than once; give each once");
		// The exchange answers in RFC 6749's shape and takes no query parameter at all.
		var exchange = api.call("POST", "/api/v1/auth/token?a=1&a=2").json("{}").send().expect(400);
		assertThat(exchange.json().get("error").asString()).isEqualTo("invalid_request");
	}

	@Test
	void refusesTwoAuthorizationHeadersWhicheverComesFirst() {
		var forged = "vaas_op_" + "A".repeat(46);
		for (var pair : new String[][] { { ADMIN_TOKEN, forged }, { forged, ADMIN_TOKEN } }) {
			api.call("PUT", base + "/configs/c")
				.token(pair[0])
				.token(pair[1])
				.json("{\"data\":{\"a\":1}}")
				.send()
				.expectProblem(400, "invalid-header");
		}
		api.get(base + "/configs/c", ADMIN_TOKEN).expectProblem(404, "config-not-found");
	}

	@Test
	void refusesTimestampsOutOfRangeInQueriesWithA400InsteadOfA500() {
		for (var since : new String[] { "%2B999999-01-01T00:00:00Z", "-999999-01-01T00:00:00Z", "1969-01-01T00:00:00Z",
				"12345" }) {
			var refused = api.get("/api/v1/audit?since=" + since, ADMIN_TOKEN).expectProblem(400, "invalid-parameter");
			assertThat(refused.json().get("detail").asString()).startsWith("Parameter 'since' must be an ISO-8601");
		}
		api.get("/api/v1/audit?size=1&since=1970-01-01T00:00:00Z&until=9999-12-31T23:59:59Z", ADMIN_TOKEN).expect(200);
	}

	@Test
	void refusesDurationsThatAreNotPositiveOrTooLongForArithmetic() {
		agents.bundle(ns, "app");
		for (var ttl : new String[] { "P99999999999D", "P999999999999999D", "PT-1S", "PT0S", "-P1D" }) {
			for (var field : new String[] { "ttl", "maxSessionLifetime" }) {
				var refused = api.post(base + "/bundles/app/seeds", ADMIN_TOKEN, "{\"" + field + "\":\"" + ttl + "\"}")
					.expectProblem(400, "malformed-request");
				assertThat(refused.json().get("detail").asString()).as(ttl)
					.startsWith("Property '" + field + "' must be an ISO-8601 duration")
					.doesNotContain(ttl);
			}
		}
		// Within the general range, a seed still keeps its own limit of 30 days.
		api.post(base + "/bundles/app/seeds", ADMIN_TOKEN, "{\"ttl\":\"P31D\"}")
			.expectProblem(422, "validation-failed");
		assertThat(api.get(base + "/seeds", ADMIN_TOKEN).json().size()).isZero();
	}

	private static String token(String name, String expiresAt) {
		return "{\"name\":\"" + name + "\",\"roles\":[{\"namespace\":\"*\",\"role\":\"viewer\"}],\"expiresAt\":\""
				+ expiresAt + "\"}";
	}

	private static void assertTwice(Api.Reply reply, String path) {
		reply.expectProblem(400, "malformed-request");
		assertThat(reply.json().get("detail").asString()).isEqualTo("Property '" + path + "' is given more than once");
		assertThat(reply.body()).doesNotContain(MARKER);
	}

}
