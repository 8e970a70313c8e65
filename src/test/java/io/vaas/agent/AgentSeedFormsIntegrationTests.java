package io.vaas.agent;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.vaas.agent.AgentProcesses.Run;
import io.vaas.support.Agents;
import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import io.vaas.support.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * vaas-agent as a real process with each form of seed (SPEC 7.2): a {@code vaas_seed_}
 * token, a key seed's PEM private key, and an identity token (a JWT, with
 * {@code --bundle}); the file read again at each exchange, and {@code doctor} naming what
 * it holds.
 */
@PostgresIntegrationTest
class AgentSeedFormsIntegrationTests {

	static final TestIssuer issuer = TestIssuer.start();

	@AfterAll
	static void stopIssuer() {
		issuer.close();
	}

	@LocalServerPort
	int port;

	Api api;

	String ns;

	Path root;

	Path seedFile;

	@BeforeEach
	void setUp() throws Exception {
		api = new Api(port);
		ns = Api.unique("seedform");
		api.namespace(ns);
		api.put("/api/v1/namespaces/" + ns + "/configs/app", ADMIN_TOKEN, "{\"data\":{\"port\":3306}}").expect(201);
		api.put("/api/v1/namespaces/" + ns + "/bundles/app", ADMIN_TOKEN, """
				{"files":[{"area":"configuration","path":"app.conf","template":"port={{ config.app.port }}\\n"}]}""")
			.expect(201);
		root = Files.createDirectories(Path.of("/dev/shm", "vaas-seedform-" + UUID.randomUUID()));
		seedFile = Files.createDirectories(root.resolve("seed")).resolve("token");
	}

	@AfterEach
	void tearDown() throws Exception {
		try (var walk = Files.walk(root)) {
			walk.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
	}

	@Test
	void fetchesWithASeedToken() throws Exception {
		Files.writeString(seedFile, new Agents(api).seed(ns, "app", "{}"));
		assertThat(doctor().output()).contains("holds a seed token (vaas_seed_)");
		fetchAndCheck();
		assertThat(onlySession().get("method").asString()).isEqualTo("seed");
	}

	@Test
	void fetchesWithAKeySeedAndSignsAFreshAssertionForEachSession() throws Exception {
		var created = api
			.post("/api/v1/namespaces/" + ns + "/bundles/app/seeds", ADMIN_TOKEN, "{\"kind\":\"key\",\"ttl\":\"P7D\"}")
			.expect(201)
			.json();
		Files.writeString(seedFile, created.get("privateKey").asString());
		var id = created.get("id").asString();
		assertThat(doctor().output()).as("the agent computes the id from the key alone")
			.contains("holds a key seed's private key (id " + id + ")");
		var first = fetchAndCheck();
		assertThat(first.output()).doesNotContain(created.get("privateKey").asString().substring(30, 60));

		Files.delete(root.resolve("secret/..vaas-session"));
		fetchAndCheck();
		var sessions = api.get("/api/v1/namespaces/" + ns + "/agents", ADMIN_TOKEN).expect(200).json();
		assertThat(sessions.size()).as("a key seed is not single-use").isEqualTo(2);
		sessions.forEach(session -> {
			assertThat(session.get("method").asString()).isEqualTo("key");
			assertThat(session.get("seedId").asString()).isEqualTo(id);
		});
	}

	@Test
	void fetchesWithAnIdentityTokenForTheNamedBundleAndReadsTheFileAgain() throws Exception {
		api.put("/api/v1/namespaces/" + ns + "/bundles/app/trusts/pods", ADMIN_TOKEN, """
				{"issuer":"%s","jwks":%s,"audiences":["vaas"],"subject":"system:serviceaccount:shop:*"}"""
			.formatted(issuer.url(), issuer.publicJwks())).expect(201);
		Files.writeString(seedFile, issuer.sign("ec", issuer.kubernetes("shop", "web", "web-1", "vaas").build()));
		assertThat(doctor().output()).contains("holds an identity token (JWT)")
			.doesNotContain("sits on a persistent disk");

		var withoutBundle = agent("fetch", "--server", server(), "--root", root.toString(), "--seed-file",
				seedFile.toString());
		assertThat(withoutBundle.exitCode()).as(withoutBundle.output()).isEqualTo(ExitCode.USAGE.code());
		assertThat(withoutBundle.output()).contains("--bundle");

		fetchAndCheck("--bundle", ns + "/app");
		// The kubelet rotates the file; the next exchange reads the new token.
		Files.writeString(seedFile, issuer.sign("rsa", issuer.kubernetes("shop", "web", "web-2", "vaas").build()));
		Files.delete(root.resolve("secret/..vaas-session"));
		fetchAndCheck("--bundle", ns + "/app");
		var pods = new ArrayList<String>();
		api.get("/api/v1/namespaces/" + ns + "/agents", ADMIN_TOKEN)
			.expect(200)
			.json()
			.forEach(session -> pods.add(session.get("kubernetes").get("pod").asString()));
		assertThat(pods).containsExactlyInAnyOrder("web-1", "web-2");
	}

	@Test
	void watchExchangesTheKeySeedAgainWhenItsSessionEnds() throws Exception {
		var created = api
			.post("/api/v1/namespaces/" + ns + "/bundles/app/seeds", ADMIN_TOKEN,
					"{\"kind\":\"key\",\"maxSessionLifetime\":\"PT3S\"}")
			.expect(201)
			.json();
		Files.writeString(seedFile, created.get("privateKey").asString());
		var output = Files.createDirectories(Path.of("target", "agent-output")).resolve(UUID.randomUUID() + ".log");
		var watch = AgentProcesses
			.builder("watch", "--server", server(), "--root", root.toString(), "--seed-file", seedFile.toString())
			.redirectOutput(output.toFile())
			.start();
		try {
			var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (sessions() < 3) {
				if (System.nanoTime() > deadline) {
					throw new AssertionError(
							"sessions: " + sessions() + "; agent output:\n" + Files.readString(output));
				}
				Thread.sleep(100);
			}
			assertThat(watch.isAlive()).as("one agent process, a session after another").isTrue();
			assertThat(Files.readString(output)).contains("session_ended");
		}
		finally {
			watch.destroyForcibly();
		}
	}

	private int sessions() {
		return api.get("/api/v1/namespaces/" + ns + "/agents", ADMIN_TOKEN).expect(200).json().size();
	}

	@Test
	void doctorWarnsWhenATokenSeedSitsOnAPersistentDisk() throws Exception {
		var onDisk = Files.createTempDirectory(Path.of("target"), "seed");
		try {
			var file = onDisk.resolve("token");
			Files.writeString(file, new Agents(api).seed(ns, "app", "{}"));
			var doctor = agent("doctor", "--root", root.toString(), "--seed-file", file.toString());
			assertThat(doctor.output()).contains("WARNING: the seed at " + file + " sits on a persistent disk");
		}
		finally {
			try (var walk = Files.walk(onDisk)) {
				walk.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
		}
	}

	private Run fetchAndCheck(String... extra) throws Exception {
		var args = new ArrayList<>(
				List.of("fetch", "--server", server(), "--root", root.toString(), "--seed-file", seedFile.toString()));
		args.addAll(List.of(extra));
		var run = agent(args.toArray(String[]::new));
		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(Files.readString(root.resolve("configuration/app.conf"))).isEqualTo("port=3306\n");
		assertThat(run.output()).contains("seed_exchanged");
		return run;
	}

	private Run doctor() throws Exception {
		return agent("doctor", "--root", root.toString(), "--seed-file", seedFile.toString());
	}

	private JsonNode onlySession() {
		var sessions = api.get("/api/v1/namespaces/" + ns + "/agents", ADMIN_TOKEN).expect(200).json();
		assertThat(sessions.size()).isEqualTo(1);
		return sessions.get(0);
	}

	private String server() {
		return "http://127.0.0.1:" + port;
	}

	private static Run agent(String... args) throws Exception {
		return AgentProcesses.run(args);
	}

}
