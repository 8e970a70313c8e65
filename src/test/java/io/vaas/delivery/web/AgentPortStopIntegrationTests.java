package io.vaas.delivery.web;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.vaas.delivery.ChangePropagationIntegrationTests;
import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the agents' port counts as in flight (what its stop waits for) ends with every
 * request, answered or not: a waiting long-poll whose client leaves is not left counted,
 * nor is its safety timer left running.
 */
@PostgresIntegrationTest
class AgentPortStopIntegrationTests {

	@LocalServerPort
	int port;

	@Value("${local.agents.port}")
	int agentsPort;

	@Autowired
	AgentPort agentPort;

	@Test
	void countsNoRequestInFlightOnceItsClientLeft() throws Exception {
		var setup = ChangePropagationIntegrationTests.setUp(new Api(port).withAgentsPort(agentsPort));
		var own = OwnAgentPorts.start(agentPort, null);
		try (var socket = new Socket("127.0.0.1", own.localPort())) {
			assertThat(own.inFlight()).isZero();
			socket.getOutputStream()
				.write(("GET /api/v1/agent/bundle?wait=60 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + setup.token()
						+ "\r\nIf-None-Match: \"" + setup.digest() + "\"\r\n\r\n")
					.getBytes(StandardCharsets.ISO_8859_1));
			awaitTrue(() -> own.inFlight() == 1, () -> "the poll in flight: " + own.inFlight());
			socket.close();
			awaitTrue(() -> own.inFlight() == 0, () -> "in flight once its client left: " + own.inFlight());
		}
		finally {
			own.stop();
		}
	}

	@Test
	void keepsNoSafetyTimerForPollsWhoseClientsLeftAtOnce() throws Exception {
		var setup = ChangePropagationIntegrationTests.setUp(new Api(port).withAgentsPort(agentsPort));
		var own = OwnAgentPorts.start(agentPort, null);
		try {
			var safeties = Objects.requireNonNull(own.served()).safeties();
			// Each client leaves as soon as its long-poll is sent: the connection's end
			// often reaches the port before the poll has begun to wait.
			for (int i = 0; i < 100; i++) {
				try (var socket = new Socket("127.0.0.1", own.localPort())) {
					socket.getOutputStream()
						.write(("GET /api/v1/agent/bundle?wait=60 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
								+ setup.token() + "\r\nIf-None-Match: \"" + setup.digest() + "\"\r\n\r\n")
							.getBytes(StandardCharsets.ISO_8859_1));
				}
			}
			awaitTrue(() -> own.inFlight() == 0, () -> "in flight once their clients left: " + own.inFlight());
			// Well before a left safety timer would fire (the wait's 60 s and 30 s more).
			awaitTrue(() -> safeties.pendingTimeouts() == 0, () -> "safety timers left: " + safeties.pendingTimeouts());
		}
		finally {
			own.stop();
		}
	}

	private static void awaitTrue(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
		var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as(what).isLessThan(deadline);
			Thread.sleep(20);
		}
	}

}
