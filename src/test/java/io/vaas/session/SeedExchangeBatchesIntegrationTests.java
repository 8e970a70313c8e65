package io.vaas.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.MeterRegistry;
import io.vaas.audit.AuditLog;
import io.vaas.support.Agents;
import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import io.vaas.support.Await;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionDefinition;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed exchanges that wait together are made in one transaction: every valid one gets its
 * own session and its own audit event, and every seed the batch could not take (a replay,
 * a multi-use seed presented more often than it has uses left) is redeemed alone with the
 * same outcome as before batches.
 */
@PostgresIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class SeedExchangeBatchesIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	SeedExchangeBatches batches;

	@Autowired
	AuditLog audit;

	@Autowired
	ApplicationContext context;

	@Autowired
	MeterRegistry meters;

	Api api;

	Agents agents;

	String ns;

	@BeforeEach
	void setUp() {
		api = new Api(port);
		agents = new Agents(api);
		ns = Api.unique("batch");
		api.namespace(ns);
		agents.bundle(ns, "app");
	}

	@Test
	void theLanesStopAfterTheWebServerAndBeforeTheAuditLog() {
		// Spring stops the highest phase first.
		var webServer = context.getBean("webServerStartStop", SmartLifecycle.class).getPhase();
		var auditQueue = context.getBean("auditBatches", SmartLifecycle.class).getPhase();
		assertThat(batches.getPhase()).isLessThan(webServer).isGreaterThan(auditQueue);
	}

	@Test
	void exchangesThatWaitTogetherAreMadeTogetherAndEachIsAudited() throws Exception {
		// Two seeds whose rows this test locks: their exchanges hold both lanes until the
		// lock goes, while the others queue.
		var blockers = List.of(seed("{}"), seed("{}"));
		var singles = new ArrayList<Seed>();
		for (var i = 0; i < 20; i++) {
			singles.add(seed("{}"));
		}
		var replayed = seed("{}");
		agents.accessToken(replayed.token());
		var twoUses = seed("{\"uses\":2}");
		var presented = new ArrayList<Seed>(singles);
		presented.addAll(List.of(replayed, twoUses, twoUses, twoUses));

		var batchesBefore = meters.summary("vaas.seed.exchanges.batch").count();
		var replies = new ArrayList<Future<Api.Reply>>();
		try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
			var lock = transactions.getTransaction(new DefaultTransactionDefinition());
			try {
				jdbc.queryForList("select id from seeds where id in (?::uuid, ?::uuid) for update",
						blockers.get(0).id(), blockers.get(1).id());
				for (var blocker : blockers) {
					replies.add(clients.submit(() -> agents.exchange(blocker.token())));
					var lanes = replies.size();
					Await.until(() -> waitingForTheLock() == lanes, lanes + " lanes waiting for the lock");
				}
				for (var seed : presented) {
					replies.add(clients.submit(() -> agents.exchange(seed.token())));
				}
				Await.until(() -> batches.waiting() == presented.size(), "the exchanges queued");
			}
			finally {
				transactions.commit(lock);
			}
			var tokens = new ArrayList<String>();
			for (var reply : replies.subList(0, 2 + singles.size())) {
				tokens.add(reply.get().expect(200).json().get("access_token").asString());
			}
			audit.verify(); // chains every event committed so far
			for (var i = 0; i < tokens.size(); i++) {
				var seed = i < 2 ? blockers.get(i) : singles.get(i - 2);
				var session = SignedJWT.parse(tokens.get(i)).getJWTClaimsSet().getSubject();
				assertThat(jdbc.queryForObject("select seed_id::text from agent_sessions where id = ?::uuid",
						String.class, session))
					.as("the session of each reply's token comes from the seed it presented")
					.isEqualTo(seed.id());
				assertThat(jdbc.queryForObject(
						"select count(*) from audit_events where action = 'seed.exchange' "
								+ "and actor_id = ? and resource = ? and detail = ?",
						Long.class, session, seed.id(), "session " + session))
					.as("its event names its session and its seed")
					.isEqualTo(1);
			}
			assertThat(status(replies.get(2 + singles.size()))).as("the replayed seed").isIn(400, 429);
			var twoUsesStatuses = replies.subList(3 + singles.size(), replies.size())
				.stream()
				.map(SeedExchangeBatchesIntegrationTests::status)
				.sorted()
				.toList();
			assertThat(twoUsesStatuses).as("a seed with two uses, presented three times at once")
				.hasSize(3)
				.startsWith(200, 200);
			assertThat(twoUsesStatuses.get(2)).isIn(400, 429);
		}

		// The twenty single-use seeds queued together went in at most two transactions
		// (one per lane), not twenty: their sessions share their transaction's time.
		var ids = singles.stream().map(Seed::id).toArray();
		var marks = String.join(",", java.util.Collections.nCopies(ids.length, "?::uuid"));
		assertThat(jdbc.queryForObject("select count(*) from agent_sessions where seed_id in (" + marks + ")",
				Long.class, ids))
			.as("one session per single-use seed")
			.isEqualTo(20);
		assertThat(jdbc.queryForObject(
				"select count(distinct created_at) from agent_sessions where seed_id in (" + marks + ")", Long.class,
				ids))
			.as("transactions the twenty were made in")
			.isLessThanOrEqualTo(2);
		assertThat(
				jdbc.queryForObject("select count(*) from seeds where namespace = ? and uses_left > 0", Long.class, ns))
			.as("every seed used up")
			.isZero();

		var sizes = meters.summary("vaas.seed.exchanges.batch");
		assertThat(sizes.count() - batchesBefore).as("the blockers' batches and at most two more").isBetween(3L, 4L);
		assertThat(sizes.max()).as("the largest batch").isGreaterThanOrEqualTo(presented.size() / 2.0);

		var verification = audit.verify();
		assertThat(verification.intact()).as(verification.toString()).isTrue();
		assertThat(jdbc.queryForObject("select count(*) from audit_events where namespace = ? and action = ? "
				+ "and outcome = 'success' and client_address is not null", Long.class, ns, "seed.exchange"))
			.as("one success event per session, each with its client's address")
			.isEqualTo(2 + 20 + 1 + 2);
		assertThat(jdbc.queryForObject("select count(*) from agent_sessions where namespace = ?", Long.class, ns))
			.isEqualTo(2 + 20 + 1 + 2);
		assertThat(jdbc.queryForList("select resource from audit_events where namespace = ? and action = ?",
				String.class, ns, "seed.replayed"))
			.containsExactly(replayed.id());
		assertThat(jdbc.queryForList("select revoked_at is not null from agent_sessions where seed_id = ?::uuid",
				Boolean.class, replayed.id()))
			.as("the replayed seed's session is revoked")
			.containsExactly(true);
	}

	/**
	 * A deployment's replicas share a multi-use seed: batches on both lanes then hold the
	 * same seeds, and lock them in one order, so neither waits for the other in a cycle
	 * (PostgreSQL would end one of them as a deadlock after a second).
	 */
	@Test
	void batchesThatShareSeedsTakeTheirUsesWithoutADeadlock(CapturedOutput output) throws Exception {
		var shared = new ArrayList<Seed>();
		for (var i = 0; i < 6; i++) {
			shared.add(seed("{\"uses\":1000}"));
		}
		var deadlocksBefore = deadlocks();
		var replies = new ArrayList<Future<Api.Reply>>();
		try (var clients = Executors.newFixedThreadPool(32, Thread.ofVirtual().factory())) {
			for (var i = 0; i < 600; i++) {
				var seed = shared.get((i * 7 + i / 6) % shared.size());
				replies.add(clients.submit(() -> agents.exchange(seed.token())));
			}
			for (var reply : replies) {
				reply.get().expect(200);
			}
		}
		assertThat(jdbc.queryForObject("select sum(uses_left) from seeds where namespace = ?", Long.class, ns))
			.isEqualTo(6 * 1000 - 600);
		assertThat(output.getAll()).doesNotContain("seed_exchange_batch_failed");
		assertThat(deadlocks()).as("deadlocks PostgreSQL broke").isEqualTo(deadlocksBefore);
	}

	private long deadlocks() {
		jdbc.queryForList("select pg_stat_clear_snapshot()");
		var count = jdbc.queryForObject("select deadlocks from pg_stat_database where datname = current_database()",
				Long.class);
		return count == null ? 0 : count;
	}

	private record Seed(String id, String token) {
	}

	private Seed seed(String json) {
		var created = api.post("/api/v1/namespaces/" + ns + "/bundles/app/seeds", Api.ADMIN_TOKEN, json)
			.expect(201)
			.json();
		return new Seed(created.get("seed").get("id").asString(), created.get("token").asString());
	}

	private long waitingForTheLock() {
		// In a transaction, PostgreSQL keeps the first look at the activity until told.
		jdbc.queryForList("select pg_stat_clear_snapshot()");
		// Those this test's own lock holds up.
		var waiting = jdbc.queryForObject("select count(*) from pg_stat_activity where datname = current_database() "
				+ "and pg_blocking_pids(pid) @> array[pg_backend_pid()]", Long.class);
		return waiting == null ? 0 : waiting;
	}

	private static int status(Future<Api.Reply> reply) {
		try {
			return reply.get().status();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
