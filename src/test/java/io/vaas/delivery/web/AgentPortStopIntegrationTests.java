package io.vaas.delivery.web;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.netty.util.HashedWheelTimer;
import io.vaas.delivery.ChangePropagationIntegrationTests;
import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import io.vaas.support.Await;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the agents' port counts as in flight (what its stop waits for) ends with every
 * request, answered or not: a waiting long-poll whose client leaves is not left counted,
 * nor is its safety timer left running; and the stop does not wait out clients that keep
 * sending, nor cut an answer.
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
			socket.getOutputStream().write(longPoll(setup));
			Await.until(() -> own.inFlight() == 1, () -> "the poll in flight: " + own.inFlight());
			socket.close();
			Await.until(() -> own.inFlight() == 0, () -> "in flight once its client left: " + own.inFlight());
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
			var safeties = (HashedWheelTimer) Objects.requireNonNull(own.served()).safeties();
			// Each client leaves as soon as its long-poll is sent: the connection's end
			// often reaches the port before the poll has begun to wait.
			for (int i = 0; i < 100; i++) {
				try (var socket = new Socket("127.0.0.1", own.localPort())) {
					socket.getOutputStream().write(longPoll(setup));
				}
			}
			Await.until(() -> own.inFlight() == 0, () -> "in flight once their clients left: " + own.inFlight());
			// Well before a left safety timer would fire (the wait's 60 s and 30 s more).
			Await.until(() -> safeties.pendingTimeouts() == 0,
					() -> "safety timers left: " + safeties.pendingTimeouts());
		}
		finally {
			own.stop();
		}
	}

	@Test
	void stopsPromptlyWhileClientsFetchBackToBackAndCutsNoAnswer() throws Exception {
		var setup = ChangePropagationIntegrationTests.setUp(new Api(port).withAgentsPort(agentsPort));
		var own = OwnAgentPorts.start(agentPort, null);
		// Fetches with a query are served on threads, so some are in flight at almost any
		// moment while the clients fetch back to back on their keep-alive connections.
		var request = ("GET /api/v1/agent/bundle?wait=0 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + setup.token()
				+ "\r\n\r\n")
			.getBytes(StandardCharsets.ISO_8859_1);
		var clients = new ArrayList<KeepAliveClient>();
		try {
			for (int i = 0; i < 8; i++) {
				clients.add(KeepAliveClient.start(own.localPort(), request));
			}
			Await.until(() -> clients.stream().allMatch(client -> client.answers() >= 20),
					() -> "answers so far: " + clients.stream().map(KeepAliveClient::answers).toList());
			var stopping = System.nanoTime();
			own.stop();
			var took = Duration.ofNanos(System.nanoTime() - stopping);
			// Its drain ends when nothing is in flight, at most after DRAIN_NANOS (10 s).
			assertThat(took).as("the stop").isLessThan(Duration.ofSeconds(3));
			for (var client : clients) {
				var end = client.end().get(30, TimeUnit.SECONDS);
				assertThat(end).as("how a connection ended")
					.isIn(KeepAliveClient.End.TOLD_TO_CLOSE, KeepAliveClient.End.CLOSED_BETWEEN_ANSWERS);
			}
		}
		finally {
			if (own.isRunning()) {
				own.stop();
			}
			clients.forEach(KeepAliveClient::close);
		}
	}

	/** A long-poll of 60 s for the setup's agent, which has its bundle's digest. */
	private static byte[] longPoll(ChangePropagationIntegrationTests.Setup setup) {
		return ("GET /api/v1/agent/bundle?wait=60 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + setup.token()
				+ "\r\nIf-None-Match: \"" + setup.digest() + "\"\r\n\r\n")
			.getBytes(StandardCharsets.ISO_8859_1);
	}

}
