package io.vaas.delivery.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.Timeout;
import io.netty.util.Timer;
import io.netty.util.TimerTask;
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
 * A waiting long-poll that somehow never gets its answer is ended by its safety timeout:
 * a 503 with {@code Retry-After}, its poll no longer waiting, nothing left in flight, and
 * the connection kept for the next request. The port is given a timer that records its
 * safety timeouts, so the test makes the poll's come at once.
 */
@PostgresIntegrationTest
class AgentPortSafetyTimeoutIntegrationTests {

	@LocalServerPort
	int port;

	@Value("${local.agents.port}")
	int agentsPort;

	@Autowired
	AgentPort agentPort;

	@Autowired
	MeterRegistry meters;

	@Test
	void aPollPastItsSafetyTimeoutIsToldToRetryAndItsConnectionServesTheNextRequest() throws Exception {
		var setup = ChangePropagationIntegrationTests.setUp(new Api(port).withAgentsPort(agentsPort));
		var wheel = AgentPort.Services.safetyWheel();
		var scheduled = new LinkedBlockingQueue<Timeout>();
		var delays = new LinkedBlockingQueue<Long>();
		var recording = new Timer() {
			@Override
			public Timeout newTimeout(TimerTask task, long delay, TimeUnit unit) {
				var timeout = wheel.newTimeout(task, delay, unit);
				delays.add(unit.toMillis(delay));
				scheduled.add(timeout);
				return timeout;
			}

			@Override
			public Set<Timeout> stop() {
				return wheel.stop();
			}
		};
		var waitingBefore = waiting();
		var own = OwnAgentPorts.start(agentPort, null, recording);
		try (var socket = new Socket("127.0.0.1", own.localPort())) {
			socket.setSoTimeout(30_000);
			socket.getOutputStream()
				.write(request("/api/v1/agent/bundle?wait=60", setup.token(),
						"If-None-Match: \"" + setup.digest() + "\""));
			Await.until(() -> waiting() == waitingBefore + 1, () -> "polls waiting: " + waiting());
			var safety = scheduled.poll(30, TimeUnit.SECONDS);
			assertThat(safety).as("the poll's safety timeout").isNotNull();
			assertThat(safety.isCancelled()).isFalse();
			assertThat(delays.poll()).as("its delay: the wait left and the slack, in ms").isBetween(80_000L, 90_000L);
			// It comes now, as if the wait's 60 s and the 30 s of slack had passed.
			safety.task().run(safety);
			var told = Answer.read(socket.getInputStream());
			assertThat(told.status()).isEqualTo(503);
			assertThat(told.headers()).containsEntry("retry-after", "1").doesNotContainKey("connection");

			Await.until(() -> own.inFlight() == 0, () -> "in flight after the timeout: " + own.inFlight());
			Await.until(() -> waiting() == waitingBefore,
					() -> "polls waiting: " + waiting() + ", before " + waitingBefore);

			socket.getOutputStream().write(request("/api/v1/agent/bundle", setup.token(), null));
			var next = Answer.read(socket.getInputStream());
			assertThat(next.status()).as("the next request on the same connection").isEqualTo(200);
			assertThat(next.headers()).containsEntry("etag", "\"" + setup.digest() + "\"");
		}
		finally {
			own.stop();
		}
	}

	private double waiting() {
		return meters.get("vaas.agents.waiting").gauge().value();
	}

	private static byte[] request(String target, String token, String header) {
		return ("GET " + target + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token + "\r\n"
				+ (header == null ? "" : header + "\r\n") + "\r\n")
			.getBytes(StandardCharsets.ISO_8859_1);
	}

	/** One HTTP/1.1 answer read off the connection: its status, headers and body. */
	private record Answer(int status, Map<String, String> headers, byte[] body) {

		static Answer read(InputStream in) throws IOException {
			var head = new ByteArrayOutputStream();
			while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
				var next = in.read();
				if (next < 0) {
					throw new IOException("the connection ended within an answer's head: " + head);
				}
				head.write(next);
			}
			var lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
			var headers = new HashMap<String, String>();
			for (var i = 1; i < lines.length; i++) {
				var colon = lines[i].indexOf(':');
				headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).trim());
			}
			var body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
			return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
		}

	}

}
