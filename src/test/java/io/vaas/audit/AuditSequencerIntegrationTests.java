package io.vaas.audit;

import java.time.Duration;

import io.vaas.shared.Actor;
import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event the chain refuses while it waits in the inbox: the sequencer logs the refusal
 * without the event's values, keeps the event, and chains it once the database takes it.
 */
@PostgresIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class AuditSequencerIntegrationTests {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	AuditLog audit;

	@Test
	void aRefusedEventIsLoggedWithoutItsValuesAndKept(CapturedOutput output) throws Exception {
		var ns = Api.unique("sequencer");
		var poison = "refused-" + ns;
		var constraint = "test_refuses_" + ns.replace('-', '_');
		jdbc.execute("alter table audit_events add constraint " + constraint + " check (detail is distinct from '"
				+ poison + "')");
		try {
			audit.recordIndependently(
					new AuditEntry(new Actor("s-1", "agent"), "bundle.fetch", ns, "r", 1L, Outcome.SUCCESS, poison));
			var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (!output.getAll().contains("sql_state=23514") && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
			assertThat(output.getAll()).contains("event=audit_sequencer_failed",
					"error=org.springframework.dao.DataIntegrityViolationException,java.sql.BatchUpdateException,"
							+ "org.postgresql.util.PSQLException " + "sql_state=23514");
			assertThat(output.getAll()).doesNotContain(poison);
			assertThat(jdbc.queryForObject("select count(*) from audit_inbox where namespace = ?", Long.class, ns))
				.as("the event waits in the inbox")
				.isEqualTo(1);
		}
		finally {
			jdbc.execute("alter table audit_events drop constraint " + constraint);
		}
		var verification = audit.verify();
		assertThat(verification.intact()).as(verification.toString()).isTrue();
		assertThat(jdbc.queryForList("select detail from audit_events where namespace = ?", String.class, ns))
			.containsExactly(poison);
	}

}
