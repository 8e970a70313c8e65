package io.vaas.agent;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;

import io.vaas.support.Agents;
import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The largest bundle the server renders (its files at most 8 MiB) reaches its files
 * through the agent started as its image starts it, with the image's small heap: once,
 * and again and again while it watches.
 */
@PostgresIntegrationTest
class AgentLargeBundleIntegrationTests {

	static final int FILES = 8;

	static final int FILE_BYTES = 1_000_000;

	@LocalServerPort
	int port;

	Api api;

	String base;

	Path root;

	Path seedFile;

	Process watch;

	final Random random = new Random(7);

	@BeforeEach
	void setUp() throws Exception {
		api = new Api(port);
		var ns = Api.unique("large");
		api.namespace(ns);
		base = "/api/v1/namespaces/" + ns;
		var files = new StringBuilder();
		for (int i = 0; i < FILES; i++) {
			api.put(base + "/configs/c" + i, ADMIN_TOKEN, "{\"data\":{\"v\":\"" + letters('a') + "\"}}").expect(201);
			files.append(i == 0 ? "" : ",")
				.append("{\"area\":\"configuration\",\"path\":\"f")
				.append(i)
				.append("\",\"template\":\"{{ config.c")
				.append(i)
				.append(".v }}\"}");
		}
		api.put(base + "/bundles/big", ADMIN_TOKEN, "{\"files\":[" + files + "]}").expect(201);
		root = Files.createDirectories(Path.of("/dev/shm", "vaas-agent-" + UUID.randomUUID()));
		seedFile = Files.createDirectories(root.resolve("seed")).resolve("token");
		Files.writeString(seedFile, new Agents(api).seed(ns, "big", "{}"));
	}

	@Test
	void fetchesABundleNearTheServersLimitWithTheImagesJvmOptions() throws Exception {
		var jvm = AgentProcesses.imageJvmOptions();
		assertThat(jvm).anyMatch(option -> option.startsWith("-Xmx"));
		var run = AgentProcesses.run(jvm, "fetch", "--server", "http://127.0.0.1:" + port, "--root", root.toString(),
				"--seed-file", seedFile.toString());

		assertThat(run.exitCode()).as(run.output()).isZero();
		for (int i = 0; i < FILES; i++) {
			assertThat(Files.size(root.resolve("configuration/f" + i))).isEqualTo(FILE_BYTES);
		}
	}

	/**
	 * Each new bundle is fetched while the agent still knows the last one: the two must
	 * not both be on its heap.
	 */
	@Test
	void watchesBundlesNearTheServersLimitWithTheImagesJvmOptions() throws Exception {
		var output = root.resolve("agent.log");
		watch = AgentProcesses
			.builder(AgentProcesses.imageJvmOptions(), "watch", "--server", "http://127.0.0.1:" + port, "--root",
					root.toString(), "--seed-file", seedFile.toString())
			.redirectOutput(output.toFile())
			.start();
		var file = root.resolve("configuration/f0");
		for (char first = 'a'; first <= 'd'; first++) {
			if (first > 'a') {
				api.put(base + "/configs/c0", ADMIN_TOKEN, "{\"data\":{\"v\":\"" + letters(first) + "\"}}").expect(200);
			}
			var expected = first;
			var deadline = System.nanoTime() + 60_000_000_000L;
			while (!(Files.exists(file) && Files.size(file) == FILE_BYTES && firstByte(file) == expected)) {
				assertThat(watch.isAlive()).as(Files.readString(output)).isTrue();
				assertThat(System.nanoTime()).as("version %s not written: %s", expected, Files.readString(output))
					.isLessThan(deadline);
				Thread.sleep(50);
			}
		}
		assertThat(Files.readString(output)).doesNotContain("OutOfMemoryError").doesNotContain("retrying");
	}

	/** A million random letters, the first one given (it tells versions apart). */
	private String letters(char first) {
		var value = new StringBuilder(FILE_BYTES).append(first);
		for (int c = 1; c < FILE_BYTES; c++) {
			value.append((char) ('a' + random.nextInt(26)));
		}
		return value.toString();
	}

	private static char firstByte(Path file) throws java.io.IOException {
		try (var in = Files.newInputStream(file)) {
			return new String(in.readNBytes(1), StandardCharsets.US_ASCII).charAt(0);
		}
	}

	@AfterEach
	void tearDown() throws Exception {
		if (watch != null) {
			watch.destroyForcibly().waitFor();
		}
		if (root != null) {
			try (var walk = Files.walk(root)) {
				walk.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
		}
	}

}
