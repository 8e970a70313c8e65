package io.vaas.agent;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AgentHttpUnitTests {

	/**
	 * A server trickling its answer, each byte well within the read timeout, is cut off
	 * at the request's deadline: read timeout plus grace.
	 */
	@Test
	void endsAnAnswerTrickledPastItsDeadline() throws Exception {
		try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			var hungUp = CompletableFuture.supplyAsync(() -> {
				var giveUp = System.nanoTime() + 30_000_000_000L;
				try (var socket = server.accept()) {
					RequestHeads.read(socket.getInputStream());
					var out = socket.getOutputStream();
					out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
						.getBytes(StandardCharsets.US_ASCII));
					out.flush();
					while (System.nanoTime() < giveUp) {
						out.write(' ');
						out.flush();
						Thread.sleep(100);
					}
					return false;
				}
				catch (IOException ex) {
					return true;
				}
				catch (InterruptedException ex) {
					return false;
				}
			});
			var http = new AgentHttp("http://127.0.0.1:" + server.getLocalPort(), null, 1);
			var started = System.nanoTime();

			// A read timeout of 2 s, 3 s in all.
			assertThatExceptionOfType(AgentFailure.class).isThrownBy(() -> http.send("GET", "/", null, null, null, 2))
				.satisfies(failure -> assertThat(failure.code()).isEqualTo(ExitCode.UNREACHABLE))
				.withMessageContaining("took more than 3 s to answer");

			var seconds = (System.nanoTime() - started) / 1e9;
			assertThat(seconds).isGreaterThanOrEqualTo(2.9).isLessThan(30);
			// The connection is closed, not left to the JDK to drain.
			assertThat(hungUp.join()).as("the agent closed the connection").isTrue();
			assertThat((System.nanoTime() - started) / 1e9).isLessThan(30);
		}
	}

}
