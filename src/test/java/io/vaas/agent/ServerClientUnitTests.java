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

			assertThat(client.bundle("token", "d", 0)).isEmpty();
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

			assertThatExceptionOfType(AgentFailure.class).isThrownBy(() -> client.bundle("token", null, 0))
				.satisfies((failure) -> assertThat(failure.code()).isEqualTo(ExitCode.UNREACHABLE))
				.withMessageContaining("answered with a body longer than " + AnswerBody.MAX_BYTES + " bytes");
			assertThat(sent.join()).isLessThan(4L * AnswerBody.MAX_BYTES);
		}
	}

}
