package io.vaas.audit;

import io.vaas.shared.Actor;
import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import io.vaas.support.Replicas;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue of {@link AuditLog#recordSoon} at shutdown: it stops after the web server has
 * answered its last request, and an event given to it once stopped is still stored.
 */
@PostgresIntegrationTest
class AuditShutdownIntegrationTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcConnectionDetails database;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void theQueueStopsAfterTheWebServerAndBeforeTheSequencer() {
		// Spring stops the highest phase first.
		var graceful = context.getBean("webServerGracefulShutdown", SmartLifecycle.class).getPhase();
		var webServer = context.getBean("webServerStartStop", SmartLifecycle.class).getPhase();
		var batches = context.getBean(AuditBatches.class).getPhase();
		var sequencer = context.getBean(AuditSequencer.class).getPhase();

		assertThat(webServer).isLessThan(graceful);
		assertThat(batches).isLessThan(webServer).isGreaterThan(sequencer);
	}

	@Test
	void anEventRecordedSoonAfterTheQueueStoppedIsStillStored() {
		var ns = Api.unique("shutdown");
		try (var replica = Replicas.start(database)) {
			replica.getBean(AuditBatches.class).stop();

			replica.getBean(AuditLog.class)
				.recordSoon(AuditEntry.success(new Actor("-", "anonymous"), "bundle.fetch", ns, "late", 1L));

			// Appended by the caller itself, before recordSoon returned.
			assertThat(stored(ns)).isEqualTo(1);
		}
	}

	private long stored(String ns) {
		return jdbc.queryForObject("select (select count(*) from audit_inbox where namespace = ?)"
				+ " + (select count(*) from audit_events where namespace = ?)", Long.class, ns, ns);
	}

}
