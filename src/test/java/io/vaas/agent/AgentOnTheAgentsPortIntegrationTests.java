package io.vaas.agent;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.vaas.support.Agents;
import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * vaas-agent, given only {@code --server}, fetches its bundle from the agents' port that
 * the server names beside its access token ({@code vaas.agents.bundle-server}).
 */
@PostgresIntegrationTest
class AgentOnTheAgentsPortIntegrationTests {

	static final int AGENTS_PORT = freePort();

	@DynamicPropertySource
	static void agentsPort(DynamicPropertyRegistry properties) {
		properties.add("vaas.agents.port", () -> AGENTS_PORT);
		properties.add("vaas.agents.bundle-server", () -> "http://127.0.0.1:" + AGENTS_PORT);
	}

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	Path root;

	@AfterEach
	void tearDown() throws IOException {
		if (root != null) {
			try (var walk = Files.walk(root)) {
				walk.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
		}
	}

	@Test
	void fetchesFromTheAgentsPortTheServerNames() throws Exception {
		var api = new Api(port);
		var ns = Api.unique("agentsport");
		api.namespace(ns);
		api.put("/api/v1/namespaces/" + ns + "/configs/app", ADMIN_TOKEN, "{\"data\":{\"port\":3306}}").expect(201);
		api.put("/api/v1/namespaces/" + ns + "/bundles/app", ADMIN_TOKEN, """
				{"files":[{"area":"configuration","path":"app.conf","template":"port={{ config.app.port }}\\n"}]}""")
			.expect(201);
		var agents = new Agents(api);
		var answer = agents.exchange(agents.seed(ns, "app", "{}")).expect(200).json();
		assertThat(answer.get("bundle_server").asString()).isEqualTo("http://127.0.0.1:" + AGENTS_PORT);

		root = Files.createDirectories(Path.of("/dev/shm", "vaas-agentsport-" + UUID.randomUUID()));
		var seedFile = Files.createDirectories(root.resolve("seed")).resolve("token");
		Files.writeString(seedFile, agents.seed(ns, "app", "{}"));
		var before = fetchesOnThePort();
		var run = AgentProcesses.run("fetch", "--server", "http://127.0.0.1:" + port, "--root", root.toString(),
				"--seed-file", seedFile.toString());
		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(Files.readString(root.resolve("configuration/app.conf"))).isEqualTo("port=3306\n");
		assertThat(run.output()).doesNotContain("bundle_server_failed");
		assertThat(fetchesOnThePort() - before).as("the agent's fetch went to the agents' port").isEqualTo(1);
	}

	private double fetchesOnThePort() {
		return meters.find("vaas.agents.port.requests").counters().stream().mapToDouble(c -> c.count()).sum();
	}

	private static int freePort() {
		try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
