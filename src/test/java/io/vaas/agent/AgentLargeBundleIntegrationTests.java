package io.vaas.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import io.vaas.support.Agents;
import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The largest bundle the server renders (its files at most 8 MiB) reaches its files
 * through the agent started as its image starts it, with the image's small heap.
 */
@PostgresIntegrationTest
class AgentLargeBundleIntegrationTests {

	static final int FILES = 8;

	static final int FILE_BYTES = 1_000_000;

	@LocalServerPort
	int port;

	Path root;

	@Test
	void fetchesABundleNearTheServersLimitWithTheImagesJvmOptions() throws Exception {
		var api = new Api(port);
		var ns = Api.unique("large");
		api.namespace(ns);
		var base = "/api/v1/namespaces/" + ns;
		var random = new java.util.Random(7);
		var files = new StringBuilder();
		for (int i = 0; i < FILES; i++) {
			var value = new StringBuilder(FILE_BYTES);
			for (int c = 0; c < FILE_BYTES; c++) {
				value.append((char) ('a' + random.nextInt(26)));
			}
			api.put(base + "/configs/c" + i, ADMIN_TOKEN, "{\"data\":{\"v\":\"" + value + "\"}}").expect(201);
			files.append(i == 0 ? "" : ",")
				.append("{\"area\":\"configuration\",\"path\":\"f")
				.append(i)
				.append("\",\"template\":\"{{ config.c")
				.append(i)
				.append(".v }}\"}");
		}
		api.put(base + "/bundles/big", ADMIN_TOKEN, "{\"files\":[" + files + "]}").expect(201);
		root = Files.createDirectories(Path.of("/dev/shm", "vaas-agent-" + UUID.randomUUID()));
		var seedFile = Files.createDirectories(root.resolve("seed")).resolve("token");
		Files.writeString(seedFile, new Agents(api).seed(ns, "big", "{}"));

		var jvm = AgentProcesses.imageJvmOptions();
		assertThat(jvm).anyMatch(option -> option.startsWith("-Xmx"));
		var run = AgentProcesses.run(jvm, "fetch", "--server", "http://127.0.0.1:" + port, "--root", root.toString(),
				"--seed-file", seedFile.toString());

		assertThat(run.exitCode()).as(run.output()).isZero();
		for (int i = 0; i < FILES; i++) {
			assertThat(Files.size(root.resolve("configuration/f" + i))).isEqualTo(FILE_BYTES);
		}
	}

	@AfterEach
	void tearDown() throws Exception {
		if (root != null) {
			try (var walk = Files.walk(root)) {
				walk.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
		}
	}

}
