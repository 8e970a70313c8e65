package io.vaas;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Set;

import io.vaas.support.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default that {@code ./mvnw spring-boot:run} starts: H2 in the data
 * directory, a generated bootstrap token in a 0600 file, a loud warning at every start,
 * and state that survives a restart.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDefaultIntegrationTests {

	@TempDir
	Path dataDir;

	@Test
	void startsOnH2WithAGeneratedBootstrapTokenAndKeepsDataAcrossRestarts(CapturedOutput output) throws Exception {
		String token;
		try (var first = start()) {
			var tokenFile = dataDir.resolve("bootstrap-admin.token");
			assertThat(tokenFile).exists();
			assertThat(Files.getPosixFilePermissions(tokenFile))
				.isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
			token = Files.readString(tokenFile).strip();
			assertThat(token).startsWith("vaas_op_");
			assertThat(Files.getPosixFilePermissions(dataDir.resolve("master.key")))
				.isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
			assertThat(output.getOut()).contains("WARNING: Generated master key in use");
			assertThat(output.getOut()).contains("WARNING: Embedded single-node database in use!")
				.contains(tokenFile.toString())
				.doesNotContain(token);

			var api = new Api(port(first));
			api.call("GET", "/actuator/health").send().expect(200);
			api.put("/api/v1/namespaces/embedded", token, "").expect(201);
			api.put("/api/v1/namespaces/embedded/configs/app", token, "{\"data\":{\"a\":1}}").expect(201);
			api.put("/api/v1/namespaces/embedded/configs/app", token, "{\"data\":{\"a\":2}}").expect(200);
			assertThat(api.get("/api/v1/namespaces/embedded/configs/app/diff?from=1&to=2", token).expect(200).body())
				.contains("\"change\":\"changed\"");
			api.put("/api/v1/namespaces/embedded/configs/app", "wrong-" + token, "{\"data\":{}}")
				.expectProblem(401, "invalid-token");
			// The audit chain on H2: the writes' events, committed through the inbox and
			// chained by the sequencer, and the refusal, appended to the chain by its
			// queue once its burst has ended.
			var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (api.get("/api/v1/audit?action=authentication.refused&size=1", token)
				.expect(200)
				.json()
				.get("totalEvents")
				.asLong() == 0) {
				assertThat(System.nanoTime()).as("the refusal appended").isLessThan(deadline);
				Thread.sleep(50);
			}
			var verified = api.call("POST", "/api/v1/audit/verify").token(token).send().expect(200).json();
			assertThat(verified.get("intact").asBoolean()).as(verified.toString()).isTrue();
			assertThat(verified.get("waiting").asLong()).isZero();
			assertThat(api.get("/api/v1/audit?namespace=embedded&action=config.write&size=1", token)
				.expect(200)
				.json()
				.get("totalEvents")
				.asLong()).isEqualTo(2);
			// The console says it is a development setup and keeps the token across
			// reloads.
			assertThat(api.call("GET", "/v3/api-docs/operator")
				.send()
				.expect(200)
				.json()
				.at("/info/description")
				.asString()).startsWith("> **Development setup.**")
				.contains("`bootstrap-admin.token`")
				.contains("keeps the token you authorize with across reloads");
			assertThat(api.call("GET", "/v3/api-docs/swagger-config")
				.send()
				.expect(200)
				.json()
				.get("persistAuthorization")
				.asBoolean()).isTrue();
		}
		assertThat(Files.list(dataDir).map(p -> p.getFileName().toString())).anyMatch(name -> name.startsWith("vaas"));

		try (var second = start()) {
			var api = new Api(port(second));
			assertThat(Files.readString(dataDir.resolve("bootstrap-admin.token")).strip()).as("token kept")
				.isEqualTo(token);
			assertThat(api.get("/api/v1/namespaces/embedded/configs/app", token)
				.expect(200)
				.json()
				.get("version")
				.asLong()).isEqualTo(2);
			assertThat(output.getOut().split("WARNING: Embedded single-node database in use!"))
				.as("warned at every start")
				.hasSize(3);
		}
	}

	@Test
	void takesTheBootstrapTokenFromTheEnvironmentAndRefusesAShortOne() {
		var chosen = "platform-chosen-admin-token-0123456789-abcdef";
		try (var context = start("--vaas.bootstrap.admin-token=" + chosen)) {
			var api = new Api(port(context));
			api.put("/api/v1/namespaces/chosen", chosen, "").expect(201);
			assertThat(dataDir.resolve("bootstrap-admin.token")).doesNotExist();
			var id = api.get("/api/v1/tokens", chosen).expect(200).json().get(0).get("id").asString();
			api.delete("/api/v1/tokens/" + id, chosen).expect(204);
			api.get("/api/v1/namespaces", chosen).expectProblem(401, "invalid-token");
		}
		try (var context = start("--vaas.bootstrap.admin-token=" + chosen)) {
			// A revoked bootstrap token stays revoked after a restart with the same
			// value.
			new Api(port(context)).get("/api/v1/namespaces", chosen).expectProblem(401, "invalid-token");
		}
		var replaced = chosen + "-rotated";
		try (var context = start("--vaas.bootstrap.admin-token=" + replaced)) {
			new Api(port(context)).get("/api/v1/namespaces", replaced).expect(200);
		}
		var failure = org.assertj.core.api.Assertions
			.catchThrowable(() -> start("--vaas.bootstrap.admin-token=short").close());
		var cause = org.springframework.core.NestedExceptionUtils.getMostSpecificCause(failure);
		assertThat(cause).hasMessageContaining("at least 32 characters");
		assertThat(cause.getMessage()).doesNotContain("short");
	}

	/**
	 * A seed's use is taken and its grant read in one statement, whose text differs
	 * between H2 and PostgreSQL: on H2, uses are counted down, a used-up seed is refused
	 * and a single-use seed presented again revokes the session it produced.
	 */
	@Test
	void exchangesSeedsOnH2() {
		try (var context = start("--vaas.bootstrap.admin-token=" + Api.ADMIN_TOKEN)) {
			var api = new Api(port(context));
			var agents = new io.vaas.support.Agents(api);
			api.put("/api/v1/namespaces/h2seeds", Api.ADMIN_TOKEN, "").expect(201);
			agents.bundle("h2seeds", "app");
			var twice = agents.seed("h2seeds", "app", "{\"uses\":2,\"areas\":[\"configuration\"]}");
			var token = agents.accessToken(twice);
			assertThat(api.call("GET", "/api/v1/agent/session").token(token).send().expect(200).json().get("areas"))
				.hasToString("[\"configuration\"]");
			agents.exchange(twice).expect(200);
			assertThat(agents.exchange(twice).expect(400).json().get("error").asString()).isEqualTo("invalid_grant");
			assertThat(
					api.get("/api/v1/namespaces/h2seeds/seeds", Api.ADMIN_TOKEN).json().get(0).get("usesLeft").asInt())
				.isZero();

			var once = agents.seed("h2seeds", "app", "{}");
			var replayed = agents.accessToken(once);
			api.call("GET", "/api/v1/agent/session").token(replayed).send().expect(200);
			agents.exchange(once).expect(400);
			api.call("GET", "/api/v1/agent/session").token(replayed).send().expectProblem(401, "invalid-token");
			api.call("GET", "/api/v1/agent/session").token(token).send().expect(200);
		}
	}

	@Test
	void refusesToStartWithAnotherOrAMalformedMasterKey() {
		var key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
		try (var context = start("--vaas.master-key.value=" + key)) {
			new Api(port(context)).call("GET", "/actuator/health").send().expect(200);
		}
		var other = java.util.Base64.getEncoder().encodeToString(io.vaas.keys.AesGcm.newKey());
		var wrong = org.assertj.core.api.Assertions
			.catchThrowable(() -> start("--vaas.master-key.value=" + other).close());
		assertThat(org.springframework.core.NestedExceptionUtils.getMostSpecificCause(wrong))
			.hasMessageContaining("does not match the key check value");
		var malformed = org.assertj.core.api.Assertions
			.catchThrowable(() -> start("--vaas.master-key.value=not-a-key").close());
		assertThat(org.springframework.core.NestedExceptionUtils.getMostSpecificCause(malformed))
			.hasMessageContaining("not valid base64");
		try (var again = start("--vaas.master-key.value=" + key)) {
			new Api(port(again)).call("GET", "/actuator/health").send().expect(200);
		}
	}

	/**
	 * H2 refuses a database path relative to the working directory (unless it starts with
	 * ./): the data directory is made absolute first.
	 */
	@Test
	void startsOnADataDirectoryGivenRelativeToTheWorkingDirectory() throws Exception {
		var relative = "target/relative-data-" + java.util.UUID.randomUUID();
		var absolute = Path.of(relative).toAbsolutePath();
		try (var context = new SpringApplicationBuilder(VaasApplication.class).run("--server.port=0",
				"--vaas.data-dir=" + relative)) {
			new Api(port(context)).call("GET", "/actuator/health").send().expect(200);
			assertThat(context.getEnvironment().getProperty("spring.datasource.url"))
				.startsWith("jdbc:h2:file:" + absolute + "/vaas;");
			assertThat(absolute.resolve("bootstrap-admin.token")).exists();
		}
		finally {
			org.springframework.util.FileSystemUtils.deleteRecursively(absolute);
		}
	}

	private ConfigurableApplicationContext start(String... args) {
		var all = new String[args.length + 2];
		all[0] = "--server.port=0";
		all[1] = "--vaas.data-dir=" + dataDir;
		System.arraycopy(args, 0, all, 2, args.length);
		return new SpringApplicationBuilder(VaasApplication.class).run(all);
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
