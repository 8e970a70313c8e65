package io.vaas.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import io.vaas.support.Await;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agents' port at the level of its connections, spoken to over plain sockets:
 * requests sent ahead of their answers are answered in order, a client that leaves a
 * long-poll ends it at once, HTTP/1.0 and unreadable requests close the connection, other
 * paths are 404, and the audit log gets the peer's address (a forged
 * {@code X-Forwarded-For} from a peer that is not a trusted proxy is ignored).
 */
@PostgresIntegrationTest
class AgentPortIntegrationTests {

	@LocalServerPort
	int port;

	@Value("${local.agents.port}")
	int agentsPort;

	@Autowired
	ChangeFeed feed;

	@Autowired
	MeterRegistry meters;

	@Test
	void answersRequestsSentAheadInTheOrderTheyCame() throws Exception {
		var api = new Api(port).withAgentsPort(agentsPort);
		var setup = ChangePropagationIntegrationTests.setUp(api);
		try (var socket = connect()) {
			// A long-poll first (it waits a second), then two fetches: none may overtake
			// it.
			send(socket,
					get("/api/v1/agent/bundle?wait=1", setup.token(), setup.digest())
							+ get("/api/v1/agent/bundle", setup.token(), null)
							+ get("/api/v1/agent/bundle", setup.token(), setup.digest()));
			var in = socket.getInputStream();
			assertThat(readAnswer(in).status()).isEqualTo(304);
			var second = readAnswer(in);
			assertThat(second.status()).isEqualTo(200);
			assertThat(second.head()).contains("ETag: \"" + setup.digest() + "\"");
			assertThat(second.body()).contains("\"digest\":\"" + setup.digest() + "\"");
			assertThat(readAnswer(in).status()).isEqualTo(304);
		}
	}

	/**
	 * A fetch whose token and render were seen before is answered on the event loop; a
	 * revocation ends that at once (the next fetch is refused, and audited, the usual
	 * way).
	 */
	@Test
	void answersAKnownFetchAtOnceUntilTheSessionIsRevoked() throws Exception {
		var api = new Api(port).withAgentsPort(agentsPort);
		var setup = ChangePropagationIntegrationTests.setUp(api);
		var atOnce = answered("at-once");
		var onThreads = answered("thread");
		for (int i = 0; i < 3; i++) {
			api.call("GET", "/api/v1/agent/bundle")
				.token(setup.token())
				.header("If-None-Match", "\"" + setup.digest() + "\"")
				.send()
				.expect(304);
		}
		assertThat(api.call("GET", "/api/v1/agent/bundle").token(setup.token()).send().expect(200).header("ETag"))
			.isEqualTo("\"" + setup.digest() + "\"");
		assertThat(answered("at-once") - atOnce).isEqualTo(4);
		assertThat(answered("thread") - onThreads).isZero();

		var session = api.get("/api/v1/namespaces/" + setup.ns() + "/agents", ADMIN_TOKEN).json().get(0);
		api.delete("/api/v1/namespaces/" + setup.ns() + "/agents/" + session.get("id").asString(), ADMIN_TOKEN)
			.expect(204);
		api.call("GET", "/api/v1/agent/bundle")
			.token(setup.token())
			.header("If-None-Match", "\"" + setup.digest() + "\"")
			.send()
			.expectProblem(401, "invalid-token");
		assertThat(answered("thread") - onThreads).isEqualTo(1);
	}

	@Test
	void endsALongPollAtOnceWhenItsClientLeaves() throws Exception {
		var api = new Api(port).withAgentsPort(agentsPort);
		var setup = ChangePropagationIntegrationTests.setUp(api);
		var socket = connect();
		send(socket, get("/api/v1/agent/bundle?wait=60", setup.token(), setup.digest()));
		Await.until(() -> feed.waiters(setup.ns()) == 1, "the poll waiting");
		var left = System.nanoTime();
		socket.close();
		Await.until(() -> feed.waiters(setup.ns()) == 0, "the poll ended");
		assertThat(Duration.ofNanos(System.nanoTime() - left)).isLessThan(Duration.ofSeconds(20));
	}

	@Test
	void closesAfterAnHttp10RequestAndAfterOneItCannotRead() throws Exception {
		try (var socket = connect()) {
			send(socket, "GET /api/v1/agent/bundle HTTP/1.0\r\n\r\n");
			var answer = readAnswer(socket.getInputStream());
			assertThat(answer.status()).isEqualTo(401);
			assertThat(answer.head()).containsIgnoringCase("Connection: close")
				.contains("X-Content-Type-Options: nosniff")
				.containsPattern("(?i)date: \\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT\r\n");
			assertThat(socket.getInputStream().read()).as("closed").isEqualTo(-1);
		}
		try (var socket = connect()) {
			send(socket, "GET /api/v1/agent/bundle HTTP/1.1\r\nHost: x\r\nX-Long: " + "a".repeat(20_000) + "\r\n\r\n");
			var answer = readAnswer(socket.getInputStream());
			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.body()).contains("urn:vaas:problem:bad-request");
			assertThat(socket.getInputStream().read()).as("closed").isEqualTo(-1);
		}
	}

	@Test
	void servesTheBundlePathAloneAndNothingElse() throws Exception {
		var setup = ChangePropagationIntegrationTests.setUp(new Api(port).withAgentsPort(agentsPort));
		try (var socket = connect()) {
			send(socket, "GET /actuator/health HTTP/1.1\r\nHost: x\r\n\r\n"
					+ get("/api/v1/agent/bundle?wait=%zz", setup.token(), null));
			var in = socket.getInputStream();
			var other = readAnswer(in);
			assertThat(other.status()).isEqualTo(404);
			assertThat(other.body()).contains("urn:vaas:problem:not-found")
				.contains("\"instance\":\"/actuator/health\"");
			var unreadable = readAnswer(in);
			assertThat(unreadable.status()).isEqualTo(400);
			assertThat(unreadable.body()).contains("urn:vaas:problem:bad-request");
		}
	}

	@Test
	void auditsARefusalUnderThePeersAddressNotAForgedOne() throws Exception {
		var api = new Api(port);
		var marker = Api.unique("forged");
		try (var socket = connect()) {
			send(socket, "GET /api/v1/agent/bundle HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 203.0.113.9\r\n"
					+ "Authorization: Bearer " + marker + "\r\n\r\n");
			assertThat(readAnswer(socket.getInputStream()).status()).isEqualTo(401);
		}
		var page = api.audit("action=agent.authenticate&size=50",
				events -> events.get("events").valueStream().anyMatch(e -> e.get("clientAddress") != null));
		var addresses = new ArrayList<String>();
		page.get("events").forEach(event -> addresses.add(event.get("clientAddress").asString()));
		assertThat(addresses).contains("127.0.0.1").doesNotContain("203.0.113.9");
		assertThat(api.get("/api/v1/audit?size=200", ADMIN_TOKEN).body()).doesNotContain(marker);
	}

	private double answered(String where) {
		return meters.get("vaas.agents.port.requests").tag("answered", where).counter().count();
	}

	private Socket connect() throws IOException {
		var socket = new Socket("127.0.0.1", agentsPort);
		socket.setSoTimeout(30_000);
		return socket;
	}

	private static String get(String path, String token, String etag) {
		return "GET " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token + "\r\n"
				+ (etag == null ? "" : "If-None-Match: \"" + etag + "\"\r\n") + "\r\n";
	}

	private static void send(Socket socket, String requests) throws IOException {
		socket.getOutputStream().write(requests.getBytes(StandardCharsets.ISO_8859_1));
		socket.getOutputStream().flush();
	}

	record Answer(int status, String head, String body) {
	}

	/** One answer: its head, and as many body bytes as its Content-Length says. */
	private static Answer readAnswer(InputStream in) throws IOException {
		var head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
			var b = in.read();
			assertThat(b).as("an answer").isNotEqualTo(-1);
			head.write(b);
		}
		var text = head.toString(StandardCharsets.ISO_8859_1);
		var length = 0;
		for (var line : List.of(text.split("\r\n"))) {
			if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
				length = Integer.parseInt(line.substring(15).strip());
			}
		}
		var body = in.readNBytes(length);
		return new Answer(Integer.parseInt(text.substring(9, 12)), text, new String(body, StandardCharsets.UTF_8));
	}

}
