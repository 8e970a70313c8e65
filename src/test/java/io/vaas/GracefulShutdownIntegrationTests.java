package io.vaas;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

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
 * SIGTERM to a real server process: waiting long-polls are answered at once (503
 * {@code shutting-down} with {@code Retry-After}), a request in flight finishes, and the
 * process exits with 0 within the grace period.
 */
class GracefulShutdownIntegrationTests {

	static final int WAITERS = 20;

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
	void answersWaitingLongPollsFinishesRequestsInFlightAndExitsZero() throws Exception {
		var port = freePort();
		server = start(port);
		var api = new Api(port);
		awaitReady(server, api, data.resolve("server.log"));

		var ns = Api.unique("shutdown");
		var base = "/api/v1/namespaces/" + ns;
		api.namespace(ns);
		api.put(base + "/configs/app", ADMIN_TOKEN, "{\"data\":{\"port\":1}}").expect(201);
		api.put(base + "/bundles/app", ADMIN_TOKEN,
				"{\"files\":[{\"area\":\"configuration\",\"path\":\"port\",\"template\":\"{{ config.app.port }}\"}]}")
			.expect(201);
		var agents = new Agents(api);
		var seed = agents.seed(ns, "app", "{\"uses\":" + WAITERS + "}");
		var waiting = new ArrayList<CompletableFuture<HttpResponse<String>>>();
		for (int i = 0; i < WAITERS; i++) {
			var token = agents.accessToken(seed);
			var etag = api.call("GET", "/api/v1/agent/bundle").token(token).send().expect(200).header("ETag");
			waiting.add(HttpClient.newHttpClient()
				.sendAsync(HttpRequest.newBuilder(URI.create(api.url("/api/v1/agent/bundle?wait=60")))
					.header("Authorization", "Bearer " + token)
					.header("If-None-Match", etag)
					.timeout(Duration.ofSeconds(90))
					.build(), HttpResponse.BodyHandlers.ofString()));
		}
		awaitWaiting(api, WAITERS);

		// A config write in flight: its headers are in (Tomcat has said 100 Continue and
		// hands the request on), its body is not yet sent.
		var body = "{\"data\":{\"port\":2}}".getBytes(StandardCharsets.UTF_8);
		try (var socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(30_000);
			var out = socket.getOutputStream();
			var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
			write(out,
					"PUT " + base + "/configs/app HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + ADMIN_TOKEN
							+ "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
							+ "\r\nExpect: 100-continue\r\n\r\n");
			assertThat(in.readLine()).startsWith("HTTP/1.1 100");
			in.readLine();

			server.toHandle().destroy();
			var signalled = System.nanoTime();

			for (var answer : waiting) {
				var response = answer.get(10, TimeUnit.SECONDS);
				assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
				assertThat(response.body()).contains("urn:vaas:problem:shutting-down");
				assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
			}
			assertThat(millisSince(signalled)).as("every waiting long-poll answered at once").isLessThan(3_000);

			out.write(body);
			out.flush();
			assertThat(in.readLine()).as("the request in flight finishes").startsWith("HTTP/1.1 200");
		}

		assertThat(server.waitFor(10, TimeUnit.SECONDS)).as("exits within the grace period").isTrue();
		assertThat(server.exitValue()).as(log()).isZero();
		assertThat(log()).doesNotContain("Graceful shutdown aborted");
	}

	private Process start(int port) throws Exception {
		var database = TestDatabase.separate();
		var command = List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
				System.getProperty("java.class.path"), "-Xmx256m", VaasApplication.class.getName(),
				"--server.port=" + port, "--spring.datasource.url=" + database.url(),
				"--spring.datasource.username=" + database.user(),
				"--spring.datasource.password=" + database.password(), "--vaas.bootstrap.admin-token=" + ADMIN_TOKEN,
				"--vaas.data-dir=" + data);
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(data.resolve("server.log").toFile())
			.start();
	}

	private String log() throws Exception {
		return Files.readString(data.resolve("server.log"));
	}

	private static void awaitWaiting(Api api, int count) throws InterruptedException {
		var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (true) {
			var metrics = api.call("GET", "/actuator/prometheus").send().expect(200).body();
			var matcher = Pattern.compile("(?m)^vaas_agents_waiting(?:\\{[^}]*\\})? ([0-9.]+)").matcher(metrics);
			if (matcher.find() && Double.parseDouble(matcher.group(1)) >= count) {
				return;
			}
			assertThat(System.nanoTime()).as("%d long-polls waiting", count).isLessThan(deadline);
			Thread.sleep(20);
		}
	}

	private static void write(OutputStream out, String text) throws Exception {
		out.write(text.getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
	}

	private static long millisSince(long nanos) {
		return (System.nanoTime() - nanos) / 1_000_000;
	}

}
