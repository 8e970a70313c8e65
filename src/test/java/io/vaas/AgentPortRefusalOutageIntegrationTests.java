package io.vaas;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.vaas.audit.AuditEntry;
import io.vaas.audit.AuditLog;
import io.vaas.audit.Outcome;
import io.vaas.shared.Actor;
import io.vaas.support.ThrowawayPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refusal on the agents' port whose audit event cannot be written (PostgreSQL stopped
 * for real, {@link ThrowawayPostgres}, and the queue of events to append soon full) is
 * answered 503 with {@code Retry-After}, as on the server's port: never left without an
 * answer on an open connection.
 */
@ExtendWith(OutputCaptureExtension.class)
class AgentPortRefusalOutageIntegrationTests {

	static ThrowawayPostgres postgres;

	static ConfigurableApplicationContext server;

	@BeforeAll
	static void start() throws Exception {
		postgres = ThrowawayPostgres.start();
		server = new SpringApplicationBuilder(VaasApplication.class).run("--server.port=0", "--vaas.agents.port=0",
				"--spring.datasource.url=" + postgres.url(), "--spring.datasource.username=postgres",
				"--spring.datasource.password=", "--vaas.bootstrap.admin-token=" + ADMIN_TOKEN,
				"--vaas.data-dir=" + System.getProperty("java.io.tmpdir") + "/vaas-test-data");
	}

	@AfterAll
	static void stop() throws Exception {
		if (postgres != null) {
			postgres.up();
		}
		if (server != null) {
			server.close();
		}
		if (postgres != null) {
			postgres.close();
		}
	}

	@Test
	void answersARefusalItCannotAudit503(CapturedOutput output) throws Exception {
		var agentsPort = server.getEnvironment().getRequiredProperty("local.agents.port", Integer.class);
		postgres.down();
		var audit = server.getBean(AuditLog.class);
		var entry = new AuditEntry(new Actor("-", "test"), "test.fill", null, null, null, Outcome.FAILED, null);
		fillUntilRefused(audit, entry);
		// The appender has taken one batch out of the queue, which it keeps trying while
		// the database is away: the room it left is filled too, and then the queue stays
		// full.
		var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (!output.getOut().contains("event=audit_batch_failed")) {
			assertThat(System.nanoTime()).as("the appender trying its batch").isLessThan(deadline);
			Thread.sleep(20);
		}
		fillUntilRefused(audit, entry);

		var serverPort = server.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		for (var port : new int[] { agentsPort, serverPort }) {
			var started = System.nanoTime();
			var refused = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/agent/bundle"))
					.header("Authorization", "Bearer not-a-token")
					.timeout(Duration.ofSeconds(15))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(refused.statusCode()).as(port + ": " + refused.body()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Retry-After")).isPresent();
			assertThat(refused.body()).contains("database-unavailable").doesNotContain("not-a-token");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		}
		// Answered by the server itself: no failure escaped to the web container, which
		// would log each such request with its stack trace at ERROR.
		assertThat(output.getOut()).doesNotContain("threw exception");
	}

	/** Queues events until one can be neither queued nor appended. */
	private static void fillUntilRefused(AuditLog audit, AuditEntry entry) {
		for (int i = 0; i < 200_000; i++) {
			try {
				audit.recordSoon(entry);
			}
			catch (RuntimeException ex) {
				return;
			}
		}
		throw new AssertionError("the audit queue never filled up while the database is away");
	}

}
