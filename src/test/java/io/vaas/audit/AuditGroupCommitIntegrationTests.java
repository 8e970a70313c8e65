package io.vaas.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.vaas.shared.Actor;
import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import io.vaas.support.Replicas;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events committed by concurrent requests on two replicas of one database: each is stored
 * before its request is answered, each gets exactly one place in the chain, the chain has
 * no gaps and verifies, and a deleted event is found.
 */
@PostgresIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class AuditGroupCommitIntegrationTests {

	static final int WRITERS = 16;

	static final int WRITES_EACH = 10;

	static final int FETCHES_EACH = 5;

	@LocalServerPort
	int port;

	@Autowired
	JdbcConnectionDetails database;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	AuditLog audit;

	@Autowired
	AuditChain chain;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	Clock clock;

	ConfigurableApplicationContext other;

	Api a;

	Api b;

	String ns;

	@BeforeEach
	void startTheOtherReplica() {
		other = Replicas.start(database);
		a = new Api(port);
		b = Replicas.api(other);
		ns = Api.unique("chain");
		a.namespace(ns);
	}

	@AfterEach
	void stopTheOtherReplica() {
		other.close();
	}

	@Test
	void concurrentWritesOnTwoReplicasAreStoredBeforeTheAnswerAndChainedOnceEach() throws Exception {
		var tasks = new ArrayList<Callable<Integer>>();
		for (var writer = 0; writer < WRITERS; writer++) {
			var api = writer % 2 == 0 ? a : b;
			var config = "c" + writer;
			tasks.add(() -> {
				var missing = 0;
				for (var write = 0; write < WRITES_EACH; write++) {
					api.put("/api/v1/namespaces/" + ns + "/configs/" + config, ADMIN_TOKEN,
							"{\"data\":{\"n\":" + write + "}}")
						.expect(write == 0 ? 201 : 200);
					// Answered: the event is committed, chained or still waiting.
					if (stored(config) != write + 1) {
						missing++;
					}
				}
				return missing;
			});
		}
		try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
			for (var result : pool.invokeAll(tasks)) {
				assertThat(result.get()).as("writes answered before their event was stored").isZero();
			}
		}

		var verified = b.call("POST", "/api/v1/audit/verify").token(ADMIN_TOKEN).send().expect(200).json();
		assertThat(verified.get("intact").asBoolean()).as(verified.toString()).isTrue();
		var head = jdbc.queryForMap("select last_seq from audit_head where id = 1");
		var chained = jdbc.queryForMap("select count(*) as n, min(seq) as low, max(seq) as high from audit_events");
		assertThat(((Number) chained.get("n")).longValue()).as("no gaps, no duplicates")
			.isEqualTo(((Number) chained.get("high")).longValue())
			.isEqualTo(((Number) head.get("last_seq")).longValue());
		var writes = jdbc.queryForList(
				"select seq from audit_events where namespace = ? and action = 'config.write' and outcome = 'success'",
				Long.class, ns);
		assertThat(writes).hasSize(WRITERS * WRITES_EACH).doesNotHaveDuplicates();
		assertThat(jdbc.queryForObject("select count(*) from audit_inbox where namespace = ?", Long.class, ns))
			.as("nothing of the namespace left waiting after a verification")
			.isZero();
		var page = a.get("/api/v1/audit?namespace=" + ns + "&action=config.write&size=1", ADMIN_TOKEN).expect(200);
		assertThat(page.json().get("totalEvents").asLong()).isEqualTo(WRITERS * WRITES_EACH);
	}

	/**
	 * Events recorded soon (fetches, refusals) are written once, straight into the chain
	 * by their replica's queue, while requests on both replicas commit theirs to the
	 * inbox: the two appenders take turns on the head, and the chain has each event once.
	 */
	@Test
	void eventsRecordedSoonGoStraightIntoTheChainBesideCommittedOnes() throws Exception {
		var logs = List.of(audit, other.getBean(AuditLog.class));
		var inboxBefore = inboxIds();
		var tasks = new ArrayList<Callable<Void>>();
		for (var writer = 0; writer < WRITERS; writer++) {
			var api = writer % 2 == 0 ? a : b;
			var log = logs.get(writer % 2);
			var name = "c" + writer;
			tasks.add(() -> {
				for (var write = 0; write < WRITES_EACH; write++) {
					api.put("/api/v1/namespaces/" + ns + "/configs/" + name, ADMIN_TOKEN,
							"{\"data\":{\"n\":" + write + "}}")
						.expect(write == 0 ? 201 : 200);
					for (var fetch = 0; fetch < FETCHES_EACH; fetch++) {
						// Hashed as held in memory, not as read back: text beyond ASCII
						// must store as it was hashed.
						log.recordSoon(new AuditEntry(new Actor("s-" + name, "agent"), "bundle.fetch", ns, name,
								(long) write * FETCHES_EACH + fetch, Outcome.SUCCESS, "fetched ✓ ünï 𝄞 " + fetch));
					}
				}
				return null;
			});
		}
		try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
			for (var result : pool.invokeAll(tasks)) {
				result.get();
			}
		}
		var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (!logs.stream().allMatch(AuditLog::settled) && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(logs).as("both queues appended").allMatch(AuditLog::settled);

		var fetches = WRITERS * WRITES_EACH * FETCHES_EACH;
		assertThat(jdbc.queryForObject("select count(distinct resource || '/' || version) from audit_events "
				+ "where namespace = ? and action = 'bundle.fetch'", Long.class, ns))
			.as("every fetch chained once, before any reader flushed the inbox")
			.isEqualTo(fetches)
			.isEqualTo(jdbc.queryForObject(
					"select count(*) from audit_events where namespace = ? and action = 'bundle.fetch'", Long.class,
					ns));
		assertThat(inboxIds() - inboxBefore - WRITERS * WRITES_EACH)
			.as("inbox rows beyond the writes' own: the fetches did not pass through it")
			.isLessThan(fetches);
		var verified = a.call("POST", "/api/v1/audit/verify").token(ADMIN_TOKEN).send().expect(200).json();
		assertThat(verified.get("intact").asBoolean()).as(verified.toString()).isTrue();
		assertThat(jdbc.queryForObject(
				"select count(*) from audit_events where namespace = ? and action = " + "'config.write'", Long.class,
				ns))
			.isEqualTo(WRITERS * WRITES_EACH);
	}

	/**
	 * A verification sees the chain as of one moment: events appended while it walks (by
	 * a queue or a sequencer, here or on another replica) are neither missing at its end
	 * nor counted.
	 */
	@Test
	void aVerificationWhileEventsAreAppendedFindsTheChainIntact() throws Exception {
		var appending = new TransactionTemplate(transactions);
		var stop = new AtomicBoolean();
		var appended = new AtomicLong();
		try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
			var appender = pool.submit(() -> {
				while (!stop.get()) {
					appending
						.executeWithoutResult(
								status -> chain.append(chain.lock(),
										List.of(AuditInbox.Row.of(AuditEntry.success(new Actor("-", "race"),
												"bundle.fetch", ns, "r", appended.incrementAndGet()), null,
												clock.instant()))));
				}
				return null;
			});
			try {
				var deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
				while (System.nanoTime() < deadline || appended.get() < 50) {
					var verification = audit.verify();
					assertThat(verification.intact()).as(verification.toString()).isTrue();
				}
			}
			finally {
				stop.set(true);
				appender.get();
			}
		}
	}

	/**
	 * A refused request's path longer than its column is stored cut, and the refusals
	 * appended in the same batch are stored with it: a long path cannot wipe them.
	 */
	@Test
	void aRefusalWithALongPathIsStoredCutAndTakesNoOtherWithIt() throws Exception {
		var before = refusalsOfTheBundle();
		var path = "/api/v1/agent/" + ns + "-" + "x".repeat(400);
		a.call("GET", path).token("not-a-token").send().expect(401);
		a.call("GET", "/api/v1/agent/bundle").token("not-a-token").send().expect(401);
		var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (!audit.settled() && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(audit.settled()).as("both refusals appended").isTrue();

		var stored = jdbc.queryForList("select resource from audit_events where resource like ?", String.class,
				"/api/v1/agent/" + ns + "-%");
		assertThat(stored).singleElement().satisfies(resource -> assertThat(resource).hasSize(200).endsWith("x…"));
		assertThat(refusalsOfTheBundle()).isGreaterThan(before);
	}

	/**
	 * An event the database refuses (here a check added for one detail; in production a
	 * value no sanitising foresaw) is lost alone: the events queued in its batch are
	 * appended one at a time after the batch fails, and the loss is logged without the
	 * event's values.
	 */
	@Test
	void anEventTheDatabaseRefusesTakesNoOtherOfItsBatchWithIt(CapturedOutput output) throws Exception {
		var poison = "refused-" + ns;
		jdbc.execute("alter table audit_events add constraint test_refuses_" + ns.replace('-', '_')
				+ " check (detail is distinct from '" + poison + "')");
		try {
			for (var n = 0; n < 6; n++) {
				audit.recordSoon(new AuditEntry(new Actor("s-" + n, "agent"), "bundle.fetch", ns, "r" + n, (long) n,
						Outcome.SUCCESS, n == 3 ? poison : "fetched " + n));
			}
			var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (!audit.settled() && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
			assertThat(audit.settled()).as("the queue dealt with every event").isTrue();
		}
		finally {
			jdbc.execute("alter table audit_events drop constraint test_refuses_" + ns.replace('-', '_'));
		}
		assertThat(jdbc.queryForList(
				"select resource from audit_events where namespace = ? and action = 'bundle.fetch' order by seq",
				String.class, ns))
			.containsExactly("r0", "r1", "r2", "r4", "r5");
		assertThat(output).contains("then=one_at_a_time", "event=audit_event_lost action=bundle.fetch outcome=success")
			.doesNotContain(poison);
		var verified = a.call("POST", "/api/v1/audit/verify").token(ADMIN_TOKEN).send().expect(200).json();
		assertThat(verified.get("intact").asBoolean()).as(verified.toString()).isTrue();
	}

	private long refusalsOfTheBundle() {
		var count = jdbc.queryForObject(
				"select count(*) from audit_events where action = 'agent.authenticate' and resource = ?", Long.class,
				"/api/v1/agent/bundle");
		return count == null ? 0 : count;
	}

	/** The last id the inbox gave out. */
	private long inboxIds() {
		var last = jdbc.queryForObject("select last_value from audit_inbox_id_seq", Long.class);
		return last == null ? 0 : last;
	}

	@Test
	void aDeletedEventIsFoundWhereItWas() {
		a.put("/api/v1/namespaces/" + ns + "/configs/x", ADMIN_TOKEN, "{\"data\":{\"a\":1}}").expect(201);
		b.put("/api/v1/namespaces/" + ns + "/configs/x", ADMIN_TOKEN, "{\"data\":{\"a\":2}}").expect(200);
		var intact = a.call("POST", "/api/v1/audit/verify").token(ADMIN_TOKEN).send().expect(200).json();
		assertThat(intact.get("intact").asBoolean()).as(intact.toString()).isTrue();

		var seq = jdbc.queryForObject(
				"select min(seq) from audit_events where namespace = ? and action = 'config.write'", Long.class, ns);
		var row = jdbc.queryForMap("select * from audit_events where seq = ?", seq);
		try {
			jdbc.update("delete from audit_events where seq = ?", seq);
			var broken = b.call("POST", "/api/v1/audit/verify").token(ADMIN_TOKEN).send().expect(200).json();
			assertThat(broken.get("intact").asBoolean()).isFalse();
			assertThat(broken.get("brokenAt").asLong()).isEqualTo(seq);
			assertThat(broken.get("problem").asString()).contains("missing");
		}
		finally {
			jdbc.update(
					"insert into audit_events (seq, occurred_at, actor_id, actor_name, action, namespace, resource, "
							+ "version, client_address, outcome, detail, prev_hash, hash) "
							+ "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
					row.get("seq"), row.get("occurred_at"), row.get("actor_id"), row.get("actor_name"),
					row.get("action"), row.get("namespace"), row.get("resource"), row.get("version"),
					row.get("client_address"), row.get("outcome"), row.get("detail"), row.get("prev_hash"),
					row.get("hash"));
		}
		var restored = a.call("POST", "/api/v1/audit/verify").token(ADMIN_TOKEN).send().expect(200).json();
		assertThat(restored.get("intact").asBoolean()).as(restored.toString()).isTrue();
	}

	/** The config's write events stored so far, waiting or chained. */
	private long stored(String config) {
		var count = jdbc.queryForObject("select (select count(*) from audit_inbox where namespace = ? and resource = ? "
				+ "and action = 'config.write') + (select count(*) from audit_events where namespace = ? "
				+ "and resource = ? and action = 'config.write')", Long.class, ns, config, ns, config);
		return count == null ? 0 : count;
	}

}
