package io.vaas.pki;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertPathValidatorException;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JWSObject;
import io.micrometer.core.instrument.MeterRegistry;
import io.vaas.agent.AgentProcesses;
import io.vaas.support.Agents;
import io.vaas.support.Api;
import io.vaas.support.MutableClock;
import io.vaas.support.PostgresIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Certificates made per session (SPEC §7.3), fetched as an agent does and checked with
 * the JDK's PKIX validator against the namespace's trust bundle: the chain, the SPIFFE
 * URI and DNS names, validity and key usage; the key is the leaf's; one certificate per
 * session, made again at 2/3 of its lifetime (a clock the test moves); CA rotation with
 * both roots trusted meanwhile. On a database of its own: the clock and the rotation are
 * the server's.
 */
@PostgresIntegrationTest
@TestPropertySource(properties = "vaas.test.own-database=true")
@Import(CertificateIntegrationTests.Time.class)
class CertificateIntegrationTests {

	@TestConfiguration(proxyBeanMethods = false)
	static class Time {

		@Bean
		@Primary
		MutableClock mutableClock() {
			return new MutableClock();
		}

	}

	static final String TLS_BUNDLE = """
			{"files":[{"area":"configuration","path":"app.conf","template":"tls=/con/secret/tls\\n"},
			 {"area":"secret","path":"tls","certificate":{"commonName":"web","dnsNames":["web.%s.svc"],"ttl":"PT6M"}}]}""";

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	MeterRegistry meters;

	Api api;

	Agents agents;

	String ns;

	@BeforeEach
	void setUp() {
		api = new Api(port);
		agents = new Agents(api);
		ns = Api.unique("pki");
		api.namespace(ns);
		api.put("/api/v1/namespaces/" + ns + "/bundles/web", ADMIN_TOKEN, TLS_BUNDLE.formatted(ns)).expect(201);
	}

	@Test
	void aSessionGetsACertificateThatChainsToTheTrustBundleAndIsMadeAgainAtTwoThirds() throws Exception {
		var token = agents.accessToken(agents.seed(ns, "web", "{}"));
		var first = fetch(token, null);
		assertThat(first.status()).isEqualTo(200);
		var files = files(first);
		assertThat(files).containsKeys("secret/tls/tls.crt", "secret/tls/tls.key", "secret/tls/ca.crt");
		assertThat(modes(first)).containsEntry("secret/tls/tls.key", "0400")
			.containsEntry("secret/tls/tls.crt", "0444")
			.containsEntry("secret/tls/ca.crt", "0444");

		var trustBundle = api.get("/api/v1/namespaces/" + ns + "/ca", ADMIN_TOKEN).expect(200);
		assertThat(trustBundle.header("Content-Type")).startsWith("application/pem-certificate-chain");
		assertThat(files.get("secret/tls/ca.crt")).isEqualTo(trustBundle.body());
		var roots = Certificates.parse(trustBundle.body());
		assertThat(roots).hasSize(1);

		var chain = Certificates.parse(files.get("secret/tls/tls.crt"));
		assertThat(chain).as("leaf, then the namespace's intermediate").hasSize(2);
		Certificates.validate(chain, roots, clock.instant());
		var leaf = chain.get(0);
		assertThat(leaf.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))).toList())
			.containsExactly("spiffe://vaas.local/ns/" + ns + "/bundle/web", "web." + ns + ".svc");
		assertThat(leaf.getSubjectX500Principal().getName()).contains("CN=web");
		assertThat(leaf.getBasicConstraints()).as("not a CA").isEqualTo(-1);
		assertThat(leaf.getKeyUsage()[0]).as("digitalSignature").isTrue();
		assertThat(leaf.getKeyUsage()[5]).as("keyCertSign").isFalse();
		assertThat(leaf.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
		assertThat(Duration.between(clock.instant(), leaf.getNotAfter().toInstant())).isBetween(Duration.ofMinutes(5),
				Duration.ofMinutes(6));
		assertThat(chain.get(1).getBasicConstraints()).as("the intermediate signs leaves only").isZero();
		assertThat(chain.get(1).getSubjectX500Principal().getName()).contains(ns);
		assertThat(Certificates.matches(Certificates.privateKey(files.get("secret/tls/tls.key")), leaf)).isTrue();

		// The same session gets the same files: a 304 while the certificate is fresh.
		var digest = first.header("ETag");
		assertThat(fetch(token, digest).status()).isEqualTo(304);
		// Another session gets a certificate and key of its own.
		var other = files(fetch(agents.accessToken(agents.seed(ns, "web", "{}")), null));
		var otherLeaf = Certificates.parse(other.get("secret/tls/tls.crt")).get(0);
		assertThat(otherLeaf.getSerialNumber()).isNotEqualTo(leaf.getSerialNumber());
		assertThat(other.get("secret/tls/tls.key")).isNotEqualTo(files.get("secret/tls/tls.key"));

		// Before 2/3 of six minutes: unchanged. After: a new certificate, a new digest.
		clock.advance(Duration.ofMinutes(3));
		assertThat(fetch(token, digest).status()).isEqualTo(304);
		clock.advance(Duration.ofSeconds(75));
		var renewed = fetch(token, digest);
		assertThat(renewed.status()).isEqualTo(200);
		var renewedChain = Certificates.parse(files(renewed).get("secret/tls/tls.crt"));
		assertThat(renewedChain.get(0).getSerialNumber()).isNotEqualTo(leaf.getSerialNumber());
		Certificates.validate(renewedChain, roots, clock.instant());
		assertThat(Certificates.matches(Certificates.privateKey(files(renewed).get("secret/tls/tls.key")),
				renewedChain.get(0)))
			.isTrue();

		// Issued, audited; never a key in the audit log.
		assertThat(api.auditCount("action=certificate.issue&namespace=" + ns, 3)).isGreaterThanOrEqualTo(3);
		assertThat(api.get("/api/v1/audit?action=certificate.issue&namespace=" + ns, ADMIN_TOKEN).expect(200).body())
			.contains("certificate.issue")
			.doesNotContain("PRIVATE KEY")
			.doesNotContain("BEGIN");
	}

	/**
	 * A long-poll waiting on a fresh certificate is answered with a new one once it is
	 * due (the sweep over the waiting polls looks once a second), not at its deadline.
	 */
	@Test
	void aWaitingPollGetsTheNewCertificateWhenItIsDue() throws Exception {
		var token = agents.accessToken(agents.seed(ns, "web", "{}"));
		var first = fetch(token, null);
		var digest = first.header("ETag");
		var before = Certificates.parse(files(first).get("secret/tls/tls.crt")).get(0);
		var poll = CompletableFuture.supplyAsync(() -> api.call("GET", "/api/v1/agent/bundle?wait=40")
			.token(token)
			.header("If-None-Match", digest)
			.send());
		waitFor(() -> meters.get("vaas.agents.waiting").gauge().value() >= 1, Path.of("/dev/null"));
		clock.advance(Duration.ofMinutes(4).plusSeconds(15));
		var renewed = poll.get(20, TimeUnit.SECONDS);
		assertThat(renewed.status()).isEqualTo(200);
		assertThat(renewed.header("ETag")).isNotEqualTo(digest);
		var leaf = Certificates.parse(files(renewed).get("secret/tls/tls.crt")).get(0);
		assertThat(leaf.getSerialNumber()).isNotEqualTo(before.getSerialNumber());
		assertThat(leaf.getNotAfter()).isAfter(before.getNotAfter());
	}

	/**
	 * Looked at again with nothing changed (every 30 s, for a rotation's new root), a
	 * session's bundle keeps its files and its signature, until the signing key changes.
	 */
	@Test
	void aBundleLookedAtAgainKeepsItsSignatureUntilTheSigningKeyChanges() throws Exception {
		var token = agents.accessToken(agents.seed(ns, "web", "{}"));
		var first = fetch(token, null);
		assertThat(first.status()).isEqualTo(200);
		clock.advance(Duration.ofSeconds(31));
		var again = fetch(token, null);
		assertThat(files(again)).isEqualTo(files(first));
		assertThat(again.json().get("signature").asString()).isEqualTo(first.json().get("signature").asString());

		var kid = api.post("/api/v1/keys/signing/rotate", ADMIN_TOKEN, "").expect(200).json().get("kid").asString();
		clock.advance(Duration.ofSeconds(31));
		var signed = fetch(token, null);
		assertThat(files(signed)).isEqualTo(files(first));
		assertThat(JWSObject.parse(signed.json().get("signature").asString()).getHeader().getKeyID()).isEqualTo(kid);
	}

	/**
	 * Every namespace's leaves chain to one root: a namespace gets names of its own only,
	 * and its intermediate says so to every TLS client (name constraints).
	 */
	@Test
	void aNamespaceGetsCertificatesForItsOwnNamesOnly() throws Exception {
		api.put("/api/v1/namespaces/" + ns + "/bundles/spoof", ADMIN_TOKEN,
				"""
						{"files":[{"area":"secret","path":"tls","certificate":{"commonName":"web","dnsNames":["web.shop.svc"]}}]}""")
			.expect(201);
		var reply = fetch(agents.accessToken(agents.seed(ns, "spoof", "{}")), null);
		reply.expectProblem(422, "certificate-name-refused");
		assertThat(reply.json().get("detail").asString()).contains("web.shop.svc").contains(ns + ".svc");
		assertThat(api.auditCount("action=certificate.issue&outcome=failed&namespace=" + ns, 1)).isPositive();

		var chain = Certificates
			.parse(files(fetch(agents.accessToken(agents.seed(ns, "web", "{}")), null)).get("secret/tls/tls.crt"));
		assertThat(chain.get(1).getCriticalExtensionOIDs()).as("name constraints on the intermediate")
			.contains("2.5.29.30");
	}

	@Test
	void aCertificateGoesInTheSecretAreaAndPreviewsRedacted() {
		var base = "/api/v1/namespaces/" + ns + "/bundles/";
		api.put(base + "other", ADMIN_TOKEN, """
				{"files":[{"area":"configuration","path":"tls","certificate":{"commonName":"web"}}]}""")
			.expectProblem(422, "invalid-bundle");
		api.put(base + "other", ADMIN_TOKEN, """
				{"files":[{"area":"secret","path":"tls","mode":"0440","certificate":{"commonName":"web"}}]}""")
			.expectProblem(422, "invalid-bundle");
		for (var spec : List.of("{}", "{\"commonName\":\"web\",\"ttl\":\"PT1M\"}",
				"{\"commonName\":\"web\",\"ttl\":\"soon\"}", "{\"commonName\":\"web\",\"dnsNames\":[\"not a name\"]}",
				"{\"commonName\":\"web\",\"keyType\":\"rsa\"}")) {
			var reply = api.put(base + "other", ADMIN_TOKEN,
					"{\"files\":[{\"area\":\"secret\",\"path\":\"tls\",\"certificate\":" + spec + "}]}");
			reply.expectProblem(422, "invalid-bundle");
			assertThat(reply.json().get("detail").asString()).as(spec).contains("certificate");
		}
		api.get(base + "other", ADMIN_TOKEN).expect(404);

		var preview = api.post(base + "web/preview", ADMIN_TOKEN, "").expect(200).json();
		var certificateFiles = preview.get("files")
			.valueStream()
			.filter(file -> file.get("path").asString().startsWith("tls/"))
			.toList();
		assertThat(certificateFiles).extracting(file -> file.get("path").asString())
			.containsExactlyInAnyOrder("tls/ca.crt", "tls/tls.crt", "tls/tls.key");
		assertThat(certificateFiles).allSatisfy(file -> {
			assertThat(file.get("redacted").asBoolean()).isTrue();
			assertThat(file.has("content") || file.has("size") || file.has("sha256")).isFalse();
		});
	}

	@Test
	void afterARotationBothRootsAreTrustedAndNewCertificatesChainToTheNewOne() throws Exception {
		var before = agents.accessToken(agents.seed(ns, "web", "{}"));
		var old = fetch(before, null);
		var oldRoots = Certificates.parse(api.get("/api/v1/namespaces/" + ns + "/ca", ADMIN_TOKEN).expect(200).body());

		var rotated = api.post("/api/v1/keys/ca/rotate", ADMIN_TOKEN, "").expect(200).json();
		assertThat(rotated.get("trusted").asInt()).isEqualTo(oldRoots.size() + 1);
		api.post("/api/v1/keys/ca/rotate", api.token(ns, "admin"), "").expectProblem(403, "forbidden");
		var roots = Certificates.parse(api.get("/api/v1/namespaces/" + ns + "/ca", ADMIN_TOKEN).expect(200).body());
		assertThat(roots).hasSize(oldRoots.size() + 1).containsAll(oldRoots);
		var newRoot = roots.stream().filter(root -> !oldRoots.contains(root)).toList();

		// A certificate made before the rotation still verifies against the trust bundle.
		var oldChain = Certificates.parse(files(old).get("secret/tls/tls.crt"));
		Certificates.validate(oldChain, roots, clock.instant());
		// A new session's chains to the new root.
		var fresh = Certificates
			.parse(files(fetch(agents.accessToken(agents.seed(ns, "web", "{}")), null)).get("secret/tls/tls.crt"));
		Certificates.validate(fresh, newRoot, clock.instant());
		assertThatThrownBy(() -> Certificates.validate(fresh, oldRoots, clock.instant()))
			.isInstanceOf(CertPathValidatorException.class);
		// The earlier session gets the new trust bundle in its ca.crt soon, its own
		// certificate unchanged.
		clock.advance(Duration.ofSeconds(31));
		var updated = fetch(before, old.header("ETag"));
		assertThat(updated.status()).isEqualTo(200);
		assertThat(Certificates.parse(files(updated).get("secret/tls/ca.crt"))).hasSize(roots.size());
		assertThat(files(updated).get("secret/tls/tls.crt")).isEqualTo(files(old).get("secret/tls/tls.crt"));
		assertThat(api.auditCount("action=ca.rotate", 1)).isPositive();
	}

	/**
	 * Nothing new in the agent: it swaps the certificate files when the server makes them
	 * again, and its {@code --exec} hook runs once per swap.
	 */
	@Test
	void theAgentSwapsTheCertificateFilesAtRenewalAndReloadsOncePerSwap() throws Exception {
		// /dev/shm is tmpfs, as /con/secret must be.
		var root = Files.createDirectories(Path.of("/dev/shm", "vaas-pki-" + UUID.randomUUID()));
		var seedFile = Files.createDirectories(root.resolve("seed")).resolve("token");
		Files.writeString(seedFile, agents.seed(ns, "web", "{\"maxSessionLifetime\":\"PT1H\"}"));
		var reloads = root.resolve("reloads");
		var output = root.resolve("agent.log");
		var watch = AgentProcesses
			.builder("watch", "--server", "http://127.0.0.1:" + port, "--root", root.toString(), "--seed-file",
					seedFile.toString(), "--exec", "echo reload >> " + reloads, "--debounce", "200ms")
			.redirectOutput(output.toFile())
			.start();
		try {
			var certificate = root.resolve("secret/tls/tls.crt");
			waitFor(() -> lines(reloads) >= 1 && Files.exists(certificate), output);
			var first = Certificates.parse(Files.readString(certificate)).get(0);
			assertThat(lines(reloads)).as("the first write after a start reloads").isEqualTo(1);

			clock.advance(Duration.ofSeconds(270));
			waitFor(() -> lines(reloads) == 2, output);
			var renewed = Certificates.parse(Files.readString(certificate));
			assertThat(renewed.get(0).getSerialNumber()).isNotEqualTo(first.getSerialNumber());
			var key = Certificates.privateKey(Files.readString(root.resolve("secret/tls/tls.key")));
			assertThat(Certificates.matches(key, renewed.get(0))).as("the key swapped with its certificate").isTrue();
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("secret/tls/tls.key"))))
				.isEqualTo("r--------");
			// Lets time pass to show that no second reload follows.
			Thread.sleep(1_000);
			assertThat(lines(reloads)).as("once per swap").isEqualTo(2);
			assertThat(Files.readString(output)).doesNotContain("PRIVATE KEY");
		}
		finally {
			watch.destroyForcibly();
			watch.waitFor(10, TimeUnit.SECONDS);
			try (var walk = Files.walk(root)) {
				walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
		}
	}

	interface Check {

		boolean holds() throws Exception;

	}

	private static void waitFor(Check check, Path output) throws Exception {
		var deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
		while (!check.holds()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("waited 40 s; the agent printed:\n" + Files.readString(output));
			}
			Thread.sleep(20);
		}
	}

	private static long lines(Path file) throws Exception {
		return Files.exists(file) ? Files.readString(file).chars().filter(c -> c == '\n').count() : 0;
	}

	private Api.Reply fetch(String token, String etag) {
		var call = api.call("GET", "/api/v1/agent/bundle").token(token);
		if (etag != null) {
			call.header("If-None-Match", etag);
		}
		return call.send();
	}

	private static Map<String, String> files(Api.Reply reply) {
		var files = new HashMap<String, String>();
		for (JsonNode file : reply.json().get("files")) {
			files.put(file.get("area").asString() + "/" + file.get("path").asString(),
					new String(Base64.getDecoder().decode(file.get("content").asString()), StandardCharsets.UTF_8));
		}
		return files;
	}

	private static Map<String, String> modes(Api.Reply reply) {
		var modes = new HashMap<String, String>();
		for (JsonNode file : reply.json().get("files")) {
			modes.put(file.get("area").asString() + "/" + file.get("path").asString(), file.get("mode").asString());
		}
		return modes;
	}

}
