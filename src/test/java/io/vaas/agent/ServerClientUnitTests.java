package io.vaas.agent;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The agent's requests against answers a proxy may have changed on the way.
 */
class ServerClientUnitTests {

	/** RFC 9110 allows Content-Length on a 304; the answer still has no body. */
	@Test
	void takesA304WithAContentLengthAsNothingNew() throws Exception {
		try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			var answered = CompletableFuture.runAsync(() -> {
				try (var socket = server.accept()) {
					RequestHeads.read(socket.getInputStream());
					socket.getOutputStream()
						.write("HTTP/1.1 304 Not Modified\r\nETag: \"d\"\r\nContent-Length: 12345\r\n\r\n"
							.getBytes(StandardCharsets.US_ASCII));
					socket.getOutputStream().flush();
				}
				catch (java.io.IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			});
			var client = new ServerClient("http://127.0.0.1:" + server.getLocalPort(), null);

			assertThat(client.bundle(new ServerClient.Token("token", 0, null), "d", 0)).isEmpty();
			answered.join();
		}
	}

	/**
	 * A server (or something in its place) streaming an endless answer ends the request
	 * at the agent's limit instead of filling its heap.
	 */
	@Test
	void endsAnEndlessAnswerAtTheLimit() throws Exception {
		try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			var sent = CompletableFuture.supplyAsync(() -> {
				long bytes = 0;
				try (var socket = server.accept()) {
					RequestHeads.read(socket.getInputStream());
					var out = socket.getOutputStream();
					out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
						.getBytes(StandardCharsets.US_ASCII));
					var chunk = new byte[65_536];
					java.util.Arrays.fill(chunk, (byte) ' ');
					while (bytes < 4L * AnswerBody.MAX_BYTES) {
						out.write("10000\r\n".getBytes(StandardCharsets.US_ASCII));
						out.write(chunk);
						out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
						bytes += chunk.length;
					}
				}
				catch (java.io.IOException ex) {
					// the agent hung up
				}
				return bytes;
			});
			var client = new ServerClient("http://127.0.0.1:" + server.getLocalPort(), null);

			assertThatExceptionOfType(AgentFailure.class)
				.isThrownBy(() -> client.bundle(new ServerClient.Token("token", 0, null), null, 0))
				.satisfies((failure) -> assertThat(failure.code()).isEqualTo(ExitCode.UNREACHABLE))
				.withMessageContaining("answered with a body longer than " + AnswerBody.MAX_BYTES + " bytes");
			assertThat(sent.join()).isLessThan(4L * AnswerBody.MAX_BYTES);
		}
	}

	/**
	 * The bundle server a token names (the agents' port) serves the bundles; when it
	 * cannot be reached, the server itself does, at once and for the next minute.
	 */
	@Test
	void fetchesFromTheBundleServerAndFromTheServerWhileItIsAway() throws Exception {
		var server = notModified();
		var bundles = notModified();
		try {
			var client = new ServerClient("http://127.0.0.1:" + server.port(), null);
			var token = new ServerClient.Token("token", 0, "http://127.0.0.1:" + bundles.port());
			assertThat(client.bundle(token, "d", 0)).isEmpty();
			assertThat(bundles.requests()).isEqualTo(1);
			assertThat(server.requests()).isZero();

			bundles.stop();
			assertThat(client.bundle(token, "d", 0)).isEmpty();
			assertThat(client.bundle(token, "d", 0)).isEmpty();
			assertThat(server.requests()).as("both served by the server").isEqualTo(2);
		}
		finally {
			server.stop();
			bundles.stop();
		}
	}

	/** A bundle server in plain HTTP never gets the token of an HTTPS server. */
	@Test
	void neverTakesTheTokenFromTlsToPlainHttp() throws Exception {
		var bundles = notModified();
		try (var closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			var port = closed.getLocalPort();
			closed.close();
			var client = new ServerClient("https://127.0.0.1:" + port, null);
			var token = new ServerClient.Token("token", 0, "http://127.0.0.1:" + bundles.port());
			assertThatExceptionOfType(AgentFailure.class).isThrownBy(() -> client.bundle(token, "d", 0))
				.withMessageContaining("https://127.0.0.1:" + port);
			assertThat(bundles.requests()).isZero();
		}
		finally {
			bundles.stop();
		}
	}

	/** A server answering every request 304, counting them. */
	private record Counting(com.sun.net.httpserver.HttpServer http, java.util.concurrent.atomic.AtomicInteger count) {

		int port() {
			return http.getAddress().getPort();
		}

		int requests() {
			return count.get();
		}

		void stop() {
			http.stop(0);
		}

	}

	private static Counting notModified() throws java.io.IOException {
		var http = com.sun.net.httpserver.HttpServer
			.create(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		var count = new java.util.concurrent.atomic.AtomicInteger();
		http.createContext("/", exchange -> {
			count.incrementAndGet();
			exchange.sendResponseHeaders(304, -1);
			exchange.close();
		});
		http.start();
		return new Counting(http, count);
	}

}
