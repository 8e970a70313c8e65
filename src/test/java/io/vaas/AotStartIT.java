package io.vaas;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.vaas.support.Agents;
import io.vaas.support.Api;
import io.vaas.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static io.vaas.support.ServerProcesses.awaitReady;
import static io.vaas.support.ServerProcesses.freePort;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged server as the README starts it fast: {@code target/app}'s jar with the AOT
 * cache the build trained and {@code -Dspring.aot.enabled=true}. On the embedded default
 * and on PostgreSQL it does an operator's and an agent's work; a setting that the build
 * fixed refuses the start and is named. Runs in {@code verify} after {@code package}
 * (failsafe), skipped with {@code -Dvaas.aot.skip=true}.
 */
class AotStartIT {

	@TempDir
	Path data;

	Process server;

	@AfterEach
	void kill() {
		if (server != null && server.isAlive()) {
			server.destroyForcibly();
		}
	}

	@Test
	void servesOperatorsAndAgentsOnTheEmbeddedDefault() throws Exception {
		var port = freePort();
		server = start(port, List.of());
		worksForOperatorsAndAgents(port);
	}

	@Test
	void servesOperatorsAndAgentsOnPostgres() throws Exception {
		var database = TestDatabase.separate();
		var port = freePort();
		server = start(port,
				List.of("--spring.datasource.url=" + database.url(), "--spring.datasource.username=" + database.user(),
						"--spring.datasource.password=" + database.password()));
		worksForOperatorsAndAgents(port);
	}

	@Test
	void refusesToStartWhenASettingTheBuildFixedIsChanged() throws Exception {
		server = start(freePort(), List.of("--vaas.console.enabled=false"));

		assertThat(server.waitFor(120, TimeUnit.SECONDS)).as("stops by itself").isTrue();
		assertThat(server.exitValue()).isNotZero();
		assertThat(log()).contains("vaas.console.enabled (springdoc.swagger-ui.enabled)=false")
			.contains("Start without -Dspring.aot.enabled=true");
	}

	private void worksForOperatorsAndAgents(int port) throws Exception {
		var api = new Api(port);
		awaitReady(server, api, data.resolve("server.log"));
		assertThat(log()).contains("Starting AOT-processed VaasApplication");

		var ns = Api.unique("aot");
		var base = "/api/v1/namespaces/" + ns;
		api.namespace(ns);
		api.put(base + "/configs/app", ADMIN_TOKEN, "{\"data\":{\"port\":8081}}").expect(201);
		api.put(base + "/secrets/db_password", ADMIN_TOKEN, "{\"value\":\"s3cret-value\"}").expect(201);
		api.put(base + "/bundles/app", ADMIN_TOKEN, """
				{"files":[{"area":"configuration","path":"port","template":"{{ config.app.port }}"},
				          {"area":"secret","path":"db","template":"{{ secret.db_password }}"}]}""").expect(201);
		var agents = new Agents(api);
		var token = agents.accessToken(agents.seed(ns, "app", "{}"));

		var bundle = api.call("GET", "/api/v1/agent/bundle").token(token).send().expect(200);
		var contents = new ArrayList<String>();
		bundle.json()
			.get("files")
			.forEach(file -> contents
				.add(new String(Base64.getDecoder().decode(file.get("content").asString()), StandardCharsets.UTF_8)));
		assertThat(contents).containsExactlyInAnyOrder("8081", "s3cret-value");
		api.call("GET", "/api/v1/agent/bundle")
			.token(token)
			.header("If-None-Match", bundle.header("ETag"))
			.send()
			.expect(304);
		// Spring Data's repository methods made at build time: a page of the audit log.
		var writes = api.get("/api/v1/audit?namespace=" + ns + "&action=config.write", ADMIN_TOKEN).expect(200);
		assertThat(writes.json().get("totalEvents").asLong()).isEqualTo(1);
		var verified = api.call("POST", "/api/v1/audit/verify").token(ADMIN_TOKEN).send().expect(200).json();
		assertThat(verified.get("intact").asBoolean()).as(verified.toString()).isTrue();
		api.call("GET", "/swagger-ui/index.html").send().expect(200);
		api.call("GET", "/actuator/health/liveness").send().expect(200);
	}

	private Process start(int port, List<String> settings) throws Exception {
		var app = Path.of("target", "app");
		var jar = Files.list(app)
			.filter(file -> file.getFileName().toString().matches("vaas-.*\\.jar"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no server jar in target/app: run ./mvnw package"));
		var command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
				// Fails the start when the build's cache cannot be used.
				"-XX:AOTCache=" + app.resolve("vaas.aot"), "-XX:AOTMode=on", "-Dspring.aot.enabled=true", "-jar",
				jar.toString(), "--server.port=" + port, "--vaas.bootstrap.admin-token=" + ADMIN_TOKEN,
				"--vaas.data-dir=" + data));
		command.addAll(settings);
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(data.resolve("server.log").toFile())
			.start();
	}

	private String log() throws Exception {
		return Files.readString(data.resolve("server.log"));
	}

}
