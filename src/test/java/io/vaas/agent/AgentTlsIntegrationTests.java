package io.vaas.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import io.vaas.agent.AgentProcessIntegrationTests.Proxy;
import io.vaas.support.Agents;
import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import io.vaas.support.TestIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * vaas-agent as a real process talking https to the server (a TLS front whose certificate
 * a CA of the test's own issued): trusted through {@code --cacert}, refused without it.
 */
@PostgresIntegrationTest
class AgentTlsIntegrationTests {

	@LocalServerPort
	int port;

	Path root;

	@AfterEach
	void tearDown() throws Exception {
		if (root != null) {
			try (var walk = Files.walk(root)) {
				walk.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
		}
	}

	@Test
	void trustsTheServerThroughCacertAndRefusesItWithout() throws Exception {
		var api = new Api(port);
		var ns = Api.unique("tls");
		api.namespace(ns);
		api.put("/api/v1/namespaces/" + ns + "/configs/app", ADMIN_TOKEN, "{\"data\":{\"port\":5432}}").expect(201);
		api.put("/api/v1/namespaces/" + ns + "/bundles/app", ADMIN_TOKEN, """
				{"files":[{"area":"configuration","path":"app.conf","template":"port={{ config.app.port }}\\n"}]}""")
			.expect(201);
		root = Files.createDirectories(Path.of("/dev/shm", "vaas-agent-tls-" + UUID.randomUUID()));
		var seedFile = Files.createDirectories(root.resolve("seed")).resolve("token");
		Files.writeString(seedFile, new Agents(api).seed(ns, "app", "{}"));
		var tls = TestIssuer.localhostTls();
		try (var front = new Proxy(port, tls.context())) {
			var server = "https://localhost:" + front.port();

			var untrusted = AgentProcesses.run("fetch", "--server", server, "--root", root.toString(), "--seed-file",
					seedFile.toString());
			assertThat(untrusted.exitCode()).as(untrusted.output()).isEqualTo(ExitCode.UNREACHABLE.code());
			assertThat(untrusted.output()).contains("SSLHandshakeException");
			assertThat(root.resolve("configuration/app.conf")).doesNotExist();

			var trusted = AgentProcesses.run("fetch", "--server", server, "--cacert", tls.caFile().toString(), "--root",
					root.toString(), "--seed-file", seedFile.toString());
			assertThat(trusted.exitCode()).as(trusted.output()).isZero();
			assertThat(Files.readString(root.resolve("configuration/app.conf"))).isEqualTo("port=5432\n");
		}
	}

}
