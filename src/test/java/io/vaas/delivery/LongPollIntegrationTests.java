package io.vaas.delivery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.MeterRegistry;
import io.vaas.session.ActiveSessions;
import io.vaas.session.SessionRevoked;
import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import io.vaas.support.Await;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Waiting long-polls hold no thread: each is a registration for its namespace's next
 * change and a timer for its deadline. Many wait at once, one change answers them all, a
 * revoked session's wait ends even when nothing wakes it, and a poll that ends leaves
 * nothing behind.
 */
@PostgresIntegrationTest
class LongPollIntegrationTests {

	static final int POLLS = 300;

	@LocalServerPort
	int port;

	@Autowired
	ChangeFeed feed;

	@Autowired
	MeterRegistry meters;

	@Autowired
	ActiveSessions sessions;

	final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void answersEveryWaitingPollAtTheChangeAndKeepsNoWaiter() throws Exception {
		var api = api();
		var setup = ChangePropagationIntegrationTests.setUp(api);
		var polls = new ArrayList<CompletableFuture<HttpResponse<String>>>();
		for (int i = 0; i < POLLS; i++) {
			polls.add(poll(api, setup, 30));
		}
		Await.until(() -> waiting() >= POLLS && feed.waiters(setup.ns()) == POLLS, "all polls waiting");
		assertThat(polls).noneMatch(CompletableFuture::isDone);
		api.put("/api/v1/namespaces/" + setup.ns() + "/configs/app", ADMIN_TOKEN, "{\"data\":{\"n\":1}}").expect(200);
		var digests = new java.util.HashSet<String>();
		for (var poll : polls) {
			var answer = poll.get(20, java.util.concurrent.TimeUnit.SECONDS);
			assertThat(answer.statusCode()).isEqualTo(200);
			digests.add(answer.headers().firstValue("ETag").orElseThrow());
		}
		assertThat(digests).hasSize(1).doesNotContain("\"" + setup.digest() + "\"");
		Await.until(() -> waiting() == 0, "no poll counted as waiting");
		assertThat(feed.waiters(setup.ns())).isZero();
	}

	/**
	 * A change that leaves a poll's bundle as it was (another config of the namespace,
	 * say) wakes it, and it waits again for the next one.
	 */
	@Test
	void waitsAgainAfterAChangeThatLeavesItsBundleAsItWas() throws Exception {
		var api = api();
		var setup = ChangePropagationIntegrationTests.setUp(api);
		var polls = new ArrayList<CompletableFuture<HttpResponse<String>>>();
		for (int i = 0; i < 50; i++) {
			polls.add(poll(api, setup, 30));
		}
		Await.until(() -> feed.waiters(setup.ns()) == 50, "all polls waiting");
		// As a change no render sees: every waiter is taken off, each looks again.
		feed.wake(setup.ns());
		Await.until(() -> feed.waiters(setup.ns()) == 50, "every poll waiting again");
		assertThat(polls).noneMatch(CompletableFuture::isDone);
		api.put("/api/v1/namespaces/" + setup.ns() + "/configs/app", ADMIN_TOKEN, "{\"data\":{\"n\":1}}").expect(200);
		for (var poll : polls) {
			var answer = poll.get(20, java.util.concurrent.TimeUnit.SECONDS);
			assertThat(answer.statusCode()).isEqualTo(200);
			assertThat(answer.headers().firstValue("ETag"))
				.isNotEqualTo(java.util.Optional.of("\"" + setup.digest() + "\""));
		}
		assertThat(feed.waiters(setup.ns())).isZero();
	}

	@Test
	void leavesNoWaiterBehindWhenPollsEndWithoutAChange() throws Exception {
		var api = api();
		var setup = ChangePropagationIntegrationTests.setUp(api);
		var polls = new ArrayList<CompletableFuture<HttpResponse<String>>>();
		for (int i = 0; i < 40; i++) {
			polls.add(poll(api, setup, 1));
		}
		for (var poll : polls) {
			assertThat(poll.get(20, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(304);
		}
		assertThat(feed.waiters(setup.ns())).as("registrations left for the namespace's next change").isZero();
		Await.until(() -> waiting() == 0, "no poll counted as waiting");
	}

	/**
	 * A revocation that reaches this replica without waking its namespace (a wake-up
	 * lost, say) still ends the wait: the sweep over the waiting polls finds it within
	 * about a second, long before the poll's deadline.
	 */
	@Test
	void endsAWaitWhoseSessionIsRevokedWithoutAWakeUp() throws Exception {
		var api = api();
		var setup = ChangePropagationIntegrationTests.setUp(api);
		var poll = poll(api, setup, 60);
		// Counted as waiting: its first look is over, and found the session standing.
		Await.until(() -> feed.waiters(setup.ns()) == 1 && waiting() >= 1, "the poll waiting");
		var session = UUID.fromString(SignedJWT.parse(setup.token()).getJWTClaimsSet().getSubject());
		var revokedAt = System.nanoTime();
		sessions.revokedElsewhere(new SessionRevoked(setup.ns(), session, Instant.now().plus(Duration.ofHours(1))));
		var answer = poll.get(20, java.util.concurrent.TimeUnit.SECONDS);
		assertThat(answer.statusCode()).isEqualTo(401);
		assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofSeconds(10));
		assertThat(answer.body()).contains("urn:vaas:problem:invalid-token");
		Await.until(() -> waiting() == 0, "no poll counted as waiting");
		assertThat(feed.waiters(setup.ns())).isZero();
	}

	private CompletableFuture<HttpResponse<String>> poll(Api api, ChangePropagationIntegrationTests.Setup setup,
			int seconds) {
		return client.sendAsync(HttpRequest.newBuilder(URI.create(api.url("/api/v1/agent/bundle?wait=" + seconds)))
			.header("Authorization", "Bearer " + setup.token())
			.header("If-None-Match", "\"" + setup.digest() + "\"")
			.timeout(Duration.ofSeconds(seconds + 30))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The server; subclasses call the bundle path elsewhere. */
	Api api() {
		return new Api(port);
	}

	private double waiting() {
		return meters.get("vaas.agents.waiting").gauge().value();
	}

}
