package io.vaas.audit;

import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A filtered search's total is counted once and then carried forward with what was
 * chained since; a chain whose counted events no longer carry the hashes counted at (a
 * database restored or replaced) is counted again.
 */
@PostgresIntegrationTest
class AuditCountsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	AuditCounts counts;

	Api api;

	String ns;

	@BeforeEach
	void setUp() {
		api = new Api(port);
		ns = Api.unique("count");
		api.namespace(ns);
	}

	@Test
	void carriesTheCountForwardAndCountsAgainWhenTheChainChanged() {
		writes(3);
		assertThat(total()).isEqualTo(3);
		writes(2);
		api.put("/api/v1/namespaces/" + ns + "/secrets/s", ADMIN_TOKEN, "{\"value\":\"v\"}").expect(201);
		assertThat(total()).isEqualTo(5).isEqualTo(counted());

		var first = jdbc.queryForObject(
				"select min(seq) from audit_events where namespace = ? and action = 'config.write'", Long.class, ns);
		jdbc.update("update audit_events set action = 'config.edited' where seq = ?", first);
		try {
			writes(1);
			assertThat(total()).as("the events counted before are not read again").isEqualTo(6);
			assertThat(counted()).isEqualTo(5);
			var head = jdbc.queryForObject("select last_seq from audit_head where id = 1", Long.class);

			jdbc.update("update audit_events set hash = set_byte(hash, 0, get_byte(hash, 0) # 1)"
					+ " where seq > ? and seq <= ?", first, head);
			try {
				writes(1);
				assertThat(total()).as("the hashes counted at changed: counted again")
					.isEqualTo(6)
					.isEqualTo(counted());
			}
			finally {
				jdbc.update("update audit_events set hash = set_byte(hash, 0, get_byte(hash, 0) # 1)"
						+ " where seq > ? and seq <= ?", first, head);
			}
		}
		finally {
			jdbc.update("update audit_events set action = 'config.write' where seq = ?", first);
		}
		assertThat(api.call("POST", "/api/v1/audit/verify").token(ADMIN_TOKEN).send().json().get("intact").asBoolean())
			.isTrue();
	}

	/**
	 * A request that read the chain's head before the last events were chained gets its
	 * count from the one kept further along, and leaves that one kept.
	 */
	@Test
	void takesACountKeptFurtherAlongBackToAnEarlierHead() {
		writes(3);
		// A search chains what waits first: the three events are in the chain after it.
		assertThat(total()).isEqualTo(3);
		var seqs = jdbc.queryForList(
				"select seq from audit_events where namespace = ? and action = 'config.write' order by seq", Long.class,
				ns);
		var earlier = seqs.get(1);
		var hash = jdbc.queryForObject("select hash from audit_events where seq = ?", byte[].class, earlier);
		writes(2);
		assertThat(total()).isEqualTo(5);

		jdbc.update("update audit_events set action = 'config.edited' where seq = ?", seqs.getFirst());
		try {
			var filter = new AuditFilter(ns, null, "config.write", null, null, null);
			assertThat(counts.count(filter, earlier, hash)).as("the events up to the earlier head are not read again")
				.isEqualTo(2);
			assertThat(total()).as("the count kept further along stays kept").isEqualTo(5);
		}
		finally {
			jdbc.update("update audit_events set action = 'config.write' where seq = ?", seqs.getFirst());
		}
	}

	private void writes(int count) {
		for (int i = 0; i < count; i++) {
			api.put("/api/v1/namespaces/" + ns + "/configs/" + Api.unique("c"), ADMIN_TOKEN, "{\"data\":{}}")
				.expect(201);
		}
	}

	private long total() {
		return api.get("/api/v1/audit?namespace=" + ns + "&action=config.write&size=2", ADMIN_TOKEN)
			.expect(200)
			.json()
			.get("totalEvents")
			.asLong();
	}

	private long counted() {
		return jdbc.queryForObject("select count(*) from audit_events where namespace = ? and action = 'config.write'",
				Long.class, ns);
	}

}
