package io.vaas.bundle;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import io.vaas.bundle.output.RenderedFile;
import io.vaas.support.Agents;
import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

@PostgresIntegrationTest
// A common tag of Spring Boot's, which the agents' path's timer must carry as well.
@TestPropertySource(properties = "management.observations.key-values.region=eu-1")
class BundleDeliveryIntegrationTests {

	static final String FILES = """
			{"files":[
			 {"area":"configuration","path":"my.cnf","template":"[mysqld]\\nport={{ config.mariadb.port }}\\n"},
			 {"area":"configuration","path":"ENV","env":{"config":"mariadb"}},
			 {"area":"secret","path":"ENV","env":{"secrets":["db_password"]}},
			 {"area":"secret","path":"tls/server.key","mode":"0400","secret":"tls_key"}]}""";

	private static final String AGENT_URI = "uri=\"/api/v1/agent/bundle\"";

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	Api api;

	Agents agents;

	String ns;

	String base;

	@BeforeEach
	void setUp() {
		api = api();
		agents = new Agents(api);
		ns = Api.unique("deliver");
		api.namespace(ns);
		base = "/api/v1/namespaces/" + ns;
		api.put(base + "/configs/mariadb", ADMIN_TOKEN, "{\"data\":{\"port\":3306}}").expect(201);
		api.put(base + "/secrets/db_password", ADMIN_TOKEN, "{\"value\":\"pw-marker-1\"}").expect(201);
		api.put(base + "/secrets/tls_key", ADMIN_TOKEN, "{\"valueBase64\":\"AAEC/w==\"}").expect(201);
	}

	@Test
	void validatesARevisionByRenderingIt() {
		var missing = api.put(base + "/bundles/app", ADMIN_TOKEN, """
				{"files":[{"area":"configuration","path":"my.cnf","template":"port={{ config.nope.port }}"}]}""")
			.expectProblem(422, "bundle-render-failed");
		assertThat(missing.json().get("file").asString()).isEqualTo("configuration/my.cnf");
		assertThat(missing.json().get("detail").asString()).contains("nope");
		api.put(base + "/bundles/app", ADMIN_TOKEN, """
				{"files":[{"area":"secret","path":"k","secret":"tls_key@9"}]}""")
			.expectProblem(422, "bundle-render-failed");
		api.put(base + "/bundles/app", ADMIN_TOKEN, """
				{"files":[{"area":"secret","path":"../k","secret":"tls_key"}]}""").expectProblem(422, "invalid-bundle");
		api.put(base + "/bundles/app", ADMIN_TOKEN, FILES).expect(201);
		api.put(base + "/bundles/app", ADMIN_TOKEN, FILES).expect(200);
		assertThat(api.get(base + "/bundles/app", ADMIN_TOKEN).json().get("revision").asLong()).isEqualTo(1);
		api.put(base + "/bundles/app", ADMIN_TOKEN, "{\"files\":[],\"comment\":\"empty\"}").expect(200);
		var history = api.get(base + "/bundles/app/revisions", ADMIN_TOKEN).expect(200).json();
		assertThat(history.size()).isEqualTo(2);
		assertThat(history.get(1).get("comment").asString()).isEqualTo("empty");
		assertThat(api.get(base + "/bundles/app/revisions/1", ADMIN_TOKEN).expect(200).json().get("files").size())
			.isEqualTo(4);
		api.get(base + "/bundles/app/revisions/9", ADMIN_TOKEN).expectProblem(404, "bundle-revision-not-found");
	}

	@Test
	void diffsTheRenderedOutputOfTwoRevisions() {
		api.put(base + "/bundles/app", ADMIN_TOKEN, FILES).expect(201);
		api.put(base + "/bundles/app", ADMIN_TOKEN,
				"""
						{"files":[
						 {"area":"configuration","path":"my.cnf","template":"[mysqld]\\nport={{ config.mariadb.port }}\\nbind=0.0.0.0\\n"},
						 {"area":"secret","path":"ENV","env":{"secrets":["db_password"],"prefix":"app_"}},
						 {"area":"secret","path":"tls/server.key","mode":"0400","secret":"tls_key"}]}""")
			.expect(200);
		var diff = api.get(base + "/bundles/app/diff?from=1&to=2", ADMIN_TOKEN).expect(200);
		assertThat(diff.body()).doesNotContain("pw-marker-1");
		var files = new HashMap<String, tools.jackson.databind.JsonNode>();
		diff.json().get("files").forEach(file -> files.put(file.get("file").asString(), file));
		assertThat(files.get("configuration/my.cnf").get("change").asString()).isEqualTo("changed");
		assertThat(files.get("configuration/my.cnf").get("diff").asString()).contains("+bind=0.0.0.0");
		assertThat(files.get("configuration/ENV").get("change").asString()).isEqualTo("removed");
		assertThat(files.get("secret/ENV").get("change").asString()).isEqualTo("changed");
		assertThat(files.get("secret/ENV").has("diff")).as("secret files: status only").isFalse();
		assertThat(files.get("secret/tls/server.key").get("change").asString()).isEqualTo("unchanged");
		api.get(base + "/bundles/app/diff?from=1&to=7", ADMIN_TOKEN).expectProblem(404, "bundle-revision-not-found");
	}

	@Test
	void previewsWithSecretContentsLeftOut() {
		api.put(base + "/bundles/app", ADMIN_TOKEN, FILES).expect(201);
		var preview = api.post(base + "/bundles/app/preview", ADMIN_TOKEN, "").expect(200);
		assertThat(preview.body()).doesNotContain("pw-marker-1").contains("port=3306").contains("\"redacted\":true");
		api.post(base + "/bundles/app/preview", api.token(ns, "viewer"), "").expect(200);
		for (var file : preview.json().get("files")) {
			if (file.get("redacted").asBoolean()) {
				assertThat(file.has("size")).as("no size of a secret file: %s", file).isFalse();
				assertThat(file.has("sha256")).isFalse();
			}
			else {
				assertThat(file.get("size").asInt()).isPositive();
			}
		}
	}

	@Test
	void treatsATemplateThatReadsASecretAsSecret() {
		api.put(base + "/bundles/dsn", ADMIN_TOKEN, """
				{"files":[{"area":"configuration","path":"dsn","template":"pw={{ secret.db_password }}"}]}""")
			.expect(201);
		var viewer = api.token(ns, "viewer");
		var preview = api.post(base + "/bundles/dsn/preview", viewer, "").expect(200);
		assertThat(preview.body()).doesNotContain("pw-marker-1").contains("\"redacted\":true");
		api.put(base + "/secrets/db_password", ADMIN_TOKEN, "{\"value\":\"pw-marker-2\"}").expect(200);
		api.put(base + "/bundles/dsn", ADMIN_TOKEN, """
				{"files":[{"area":"configuration","path":"dsn","template":"pw={{ secret.db_password }}!"}]}""")
			.expect(200);
		var diff = api.get(base + "/bundles/dsn/diff?from=1&to=2", viewer).expect(200);
		assertThat(diff.body()).doesNotContain("pw-marker");
		assertThat(diff.json().get("files").get(0).has("diff")).as("status only").isFalse();
	}

	@Test
	void deliversTheSessionsAreasWithADigestETagAndASignature() throws Exception {
		api.put(base + "/bundles/app", ADMIN_TOKEN, FILES).expect(201);
		var token = agents.accessToken(agents.seed(ns, "app", "{}"));

		var reply = api.call("GET", "/api/v1/agent/bundle").token(token).send().expect(200);
		var manifest = reply.json();
		var digest = manifest.get("digest").asString();
		assertThat(digest).startsWith("sha256:");
		assertThat(reply.header("ETag")).isEqualTo("\"" + digest + "\"");
		assertThat(manifest.get("bundle").asString()).isEqualTo(ns + "/app");
		var files = new HashMap<String, String>();
		for (var file : manifest.get("files")) {
			var content = Base64.getDecoder().decode(file.get("content").asString());
			assertThat(file.get("size").asInt()).isEqualTo(content.length);
			assertThat(file.get("sha256").asString()).isEqualTo(RenderedFile.sha256(content));
			files.put(
					file.get("area").asString() + "/" + file.get("path").asString() + " " + file.get("mode").asString(),
					new String(content, StandardCharsets.UTF_8));
		}
		assertThat(files).containsEntry("configuration/my.cnf 0444", "[mysqld]\nport=3306\n")
			.containsEntry("configuration/ENV 0444", "export PORT='3306'\n")
			.containsEntry("secret/ENV 0400", "export DB_PASSWORD='pw-marker-1'\n")
			.containsKey("secret/tls/server.key 0400");

		var jws = JWSObject.parse(manifest.get("signature").asString());
		var jwks = JWKSet.parse(api.call("GET", "/.well-known/jwks.json").send().body());
		assertThat(jws.verify(new ECDSAVerifier(jwks.getKeyByKeyId(jws.getHeader().getKeyID()).toECKey()))).isTrue();
		assertThat(jws.getPayload().toJSONObject()).containsEntry("digest", digest)
			.containsEntry("bundle", ns + "/app");

		api.call("GET", "/api/v1/agent/bundle")
			.token(token)
			.header("If-None-Match", "\"" + digest + "\"")
			.send()
			.expect(304);
		var session = api.get(base + "/agents", ADMIN_TOKEN).json().get(0);
		assertThat(session.get("lastDigestFetched").asString()).isEqualTo(digest);

		api.put(base + "/configs/mariadb", ADMIN_TOKEN, "{\"data\":{\"port\":3307}}").expect(200);
		var changed = api.call("GET", "/api/v1/agent/bundle")
			.token(token)
			.header("If-None-Match", "\"" + digest + "\"")
			.send()
			.expect(200);
		assertThat(changed.json().get("digest").asString()).isNotEqualTo(digest);
		// Fetch events are appended in batches, a moment later.
		assertThat(api.auditCount("namespace=" + ns + "&action=bundle.fetch", 2)).as("one fetch event per new digest")
			.isEqualTo(2);
	}

	@Test
	void deliversOnlyTheSeedsAreasAndAsATar() throws Exception {
		api.put(base + "/bundles/app", ADMIN_TOKEN, FILES).expect(201);
		var token = agents.accessToken(agents.seed(ns, "app", "{\"areas\":[\"configuration\"]}"));
		var manifest = api.call("GET", "/api/v1/agent/bundle").token(token).send().expect(200);
		assertThat(manifest.body()).doesNotContain("\"area\":\"secret\"");

		var response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(api.url("/api/v1/agent/bundle")))
				.header("Authorization", "Bearer " + token)
				.header("Accept", "application/x-tar")
				.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-tar");
		assertThat(response.headers().firstValue("X-Vaas-Digest")).hasValue(manifest.json().get("digest").asString());
		var names = new java.util.ArrayList<String>();
		try (var tar = new TarArchiveInputStream(new ByteArrayInputStream(response.body()))) {
			for (var entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
				names.add(entry.getName() + " " + Integer.toOctalString(entry.getMode()));
			}
		}
		assertThat(names).containsExactly("configuration/ENV 444", "configuration/my.cnf 444");
	}

	@Test
	void answersRefusalsAndBadRequestsWithProblems() {
		api.put(base + "/bundles/app", ADMIN_TOKEN, FILES).expect(201);
		var token = agents.accessToken(agents.seed(ns, "app", "{}"));
		var before = refusals();
		for (var credential : new String[] { null, "not-a-jwt", ADMIN_TOKEN }) {
			var refused = api.call("GET", "/api/v1/agent/bundle").token(credential).send();
			refused.expectProblem(401, "invalid-token");
			assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
			assertThat(refused.header("Cache-Control")).isEqualTo("no-store");
		}
		assertThat(api.auditCount("action=agent.authenticate", before + 3) - before).as("each refusal audited")
			.isEqualTo(3);

		var ok = api.call("GET", "/api/v1/agent/bundle").token(token).send().expect(200);
		assertThat(ok.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(ok.header("Cache-Control")).isEqualTo("no-store");
		assertThat(ok.header("Content-Type")).isEqualTo("application/json");
		var badWait = api.call("GET", "/api/v1/agent/bundle?wait=soon")
			.token(token)
			.send()
			.expectProblem(400, "invalid-parameter");
		assertThat(badWait.header("Cache-Control")).contains("no-store");
		assertThat(badWait.header("X-Content-Type-Options")).isEqualTo("nosniff");
		api.call("GET", "/api/v1/agent/bundle?wait=").token(token).send().expect(200);
		api.call("GET", "/api/v1/agent/bundle")
			.token(token)
			.header("Accept", "text/html")
			.send()
			.expectProblem(406, "not-acceptable");
		var tar = api.call("GET", "/api/v1/agent/bundle")
			.token(token)
			.header("Accept", "application/json;q=0.5, application/x-tar")
			.send()
			.expect(200);
		assertThat(tar.header("Content-Type")).isEqualTo("application/x-tar");
		api.call("POST", "/api/v1/agent/bundle").token(token).send().expectProblem(405, "method-not-allowed");
		api.call("GET", "/api/v1/agent/bundle").token(token).header("If-None-Match", "*").send().expect(304);
		api.call("GET", "/api/v1/agent/bundle?wait=99999999999999999999").token(token).send().expect(200);
		var head = api.call("HEAD", "/api/v1/agent/bundle").token(token).send().expect(200);
		assertThat(head.header("ETag")).isEqualTo(ok.header("ETag"));
		assertThat(head.body()).isEmpty();
		// Variants of the path go through the security chain and its firewall.
		if (onAgentsPort()) {
			// The agents' port serves the exact path alone.
			api.call("GET", "/api/v1/agent/bundle;x=1").token(token).send().expectProblem(404, "not-found");
		}
		else {
			api.call("GET", "/api/v1/agent/bundle;x=1").token(token).send().expectProblem(400, "bad-request");
		}
		api.call("GET", "/api/v1/agent/%62undle").token(token).send().expect(200);
		api.call("GET", "/api/v1/agent/%62undle").send().expectProblem(401, "invalid-token");

		// A file the bundle can no longer render: an agent that has never had it rendered
		// gets the operator's problem, told as one.
		var secretOnly = agents.accessToken(agents.seed(ns, "app", "{\"areas\":[\"secret\"]}"));
		api.delete(base + "/secrets/tls_key/versions/1", ADMIN_TOKEN).expect(204);
		api.call("GET", "/api/v1/agent/bundle").token(secretOnly).send().expectProblem(422, "bundle-render-failed");

		var metrics = api.call("GET", "/actuator/prometheus").send().expect(200).body();
		assertThat(metrics).containsPattern(
				"http_server_requests_seconds_count\\{[^}]*status=\"200\"" + "[^}]*uri=\"/api/v1/agent/bundle\"");
		// Only the direct path times a refusal under the endpoint (the security chain
		// answers before any handler is known): proof of which one served it.
		var refusalUnderTheEndpoint = "http_server_requests_seconds_count\\{[^}]*status=\"401\""
				+ "[^}]*uri=\"/api/v1/agent/bundle\"";
		if (direct()) {
			assertThat(metrics).containsPattern(refusalUnderTheEndpoint);
		}
		else {
			assertThat(metrics).doesNotContainPattern(refusalUnderTheEndpoint);
		}
	}

	/**
	 * {@code http.server.requests} times the agents' path with the same tags as every
	 * other endpoint (Spring Boot's common tags too), and a long-poll for as long as it
	 * waited.
	 */
	@Test
	void timesTheAgentsPathAsEveryOtherEndpoint() {
		api.put(base + "/bundles/app", ADMIN_TOKEN, FILES).expect(201);
		var token = agents.accessToken(agents.seed(ns, "app", "{}"));
		var etag = api.call("GET", "/api/v1/agent/bundle").token(token).send().expect(200).header("ETag");
		var before = api.call("GET", "/actuator/prometheus").send().expect(200).body();
		api.call("GET", "/api/v1/agent/bundle?wait=1").token(token).header("If-None-Match", etag).send().expect(304);
		var metrics = api.call("GET", "/actuator/prometheus").send().expect(200).body();
		// Counted once (not by an observation as well), for the second it waited.
		assertThat(notModified(metrics, "count") - notModified(before, "count")).isEqualTo(1.0);
		assertThat(notModified(metrics, "sum") - notModified(before, "sum")).isGreaterThanOrEqualTo(1.0);
		assertThat(labelNames(metrics, true)).isEqualTo(labelNames(metrics, false))
			.contains("error", "exception", "method", "outcome", "region", "status", "uri");
	}

	/** The agents' path's 304s: their count or the seconds they took. */
	private static double notModified(String metrics, String figure) {
		return metrics.lines()
			.filter(line -> line.startsWith("http_server_requests_seconds_" + figure + "{")
					&& line.contains("status=\"304\"") && line.contains(AGENT_URI))
			.mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	private static Set<String> labelNames(String metrics, boolean agents) {
		var line = metrics.lines()
			.filter(l -> l.startsWith("http_server_requests_seconds_count{") && l.contains(AGENT_URI) == agents)
			.findFirst()
			.orElseThrow();
		return Pattern.compile("(\\w+)=\"")
			.matcher(line.substring(line.indexOf('{'), line.lastIndexOf('}')))
			.results()
			.map(match -> match.group(1))
			.collect(Collectors.toSet());
	}

	@Test
	void keepsTheLastGoodRenderingWhenAChangeBreaksTheBundle() {
		api.put(base + "/bundles/app", ADMIN_TOKEN, FILES).expect(201);
		var token = agents.accessToken(agents.seed(ns, "app", "{}"));
		var good = api.call("GET", "/api/v1/agent/bundle").token(token).send().expect(200);
		var etag = good.header("ETag");
		assertThat(api.get(base + "/bundles/app", ADMIN_TOKEN).expect(200).json().get("renderFailure").isNull())
			.isTrue();

		// Destroying the version the bundle reads breaks it after it was saved.
		api.delete(base + "/secrets/tls_key/versions/1", ADMIN_TOKEN).expect(204);
		var kept = api.call("GET", "/api/v1/agent/bundle").token(token).send().expect(200);
		assertThat(kept.header("ETag")).as("the last good rendering").isEqualTo(etag);
		assertThat(kept.body()).isEqualTo(good.body());
		api.call("GET", "/api/v1/agent/bundle").token(token).header("If-None-Match", etag).send().expect(304);
		var failure = api.get(base + "/bundles/app", ADMIN_TOKEN).expect(200).json().get("renderFailure");
		assertThat(failure.get("file").asString()).isEqualTo("secret/tls/server.key");
		assertThat(failure.get("revision").asLong()).isEqualTo(1);
		assertThat(failure.get("reason").asString()).contains("tls_key");
		var audited = api.audit("namespace=" + ns + "&action=bundle.render&outcome=failed",
				page -> page.get("totalEvents").asLong() >= 1);
		assertThat(audited.get("events").get(0).get("resource").asString()).isEqualTo("app");

		// A new version renders again: the agent gets it and the failure is cleared.
		api.put(base + "/secrets/tls_key", ADMIN_TOKEN, "{\"valueBase64\":\"AAEC/g==\"}").expect(200);
		var renewed = api.call("GET", "/api/v1/agent/bundle").token(token).send().expect(200);
		assertThat(renewed.header("ETag")).isNotEqualTo(etag);
		assertThat(api.get(base + "/bundles/app", ADMIN_TOKEN).expect(200).json().get("renderFailure").isNull())
			.isTrue();
	}

	@Test
	void servesTheBundleDirectlyUnlessSwitchedOff() {
		assertThat(context.getBean("bundleDeliveryFilterRegistration", DelegatingFilterProxyRegistrationBean.class)
			.isEnabled()).isEqualTo(direct());
	}

	/** Whether {@code GET /api/v1/agent/bundle} is served ahead of the framework. */
	boolean direct() {
		return true;
	}

	/** Whether {@code /api/v1/agent/bundle} is called on the agents' port. */
	boolean onAgentsPort() {
		return false;
	}

	Api api() {
		return new Api(port);
	}

	private long refusals() {
		return api.get("/api/v1/audit?action=agent.authenticate&size=1", ADMIN_TOKEN)
			.json()
			.get("totalEvents")
			.asLong();
	}

}
