package io.vaas.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server started as a process of its own: a port for it, and waiting until it is ready.
 */
public final class ServerProcesses {

	private ServerProcesses() {
	}

	/** A port nothing listens on now. */
	public static int freePort() throws IOException {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * Waits up to 120 s for readiness; fails with the server's log when it stops first.
	 */
	public static void awaitReady(Process server, Api api, Path log) throws Exception {
		var deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (true) {
			assertThat(server.isAlive()).as("the server runs: %s", Files.readString(log)).isTrue();
			try {
				if (api.call("GET", "/actuator/health/readiness").send().status() == 200) {
					return;
				}
			}
			catch (RuntimeException notYet) {
				// not listening yet
			}
			assertThat(System.nanoTime()).as("ready within 120 s").isLessThan(deadline);
			Thread.sleep(100);
		}
	}

}
