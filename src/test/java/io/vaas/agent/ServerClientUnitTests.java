package io.vaas.agent;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
					var in = socket.getInputStream();
					var head = new StringBuilder();
					while (!head.toString().endsWith("\r\n\r\n")) {
						head.append((char) in.read());
					}
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

}
