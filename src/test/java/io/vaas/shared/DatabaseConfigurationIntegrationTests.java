package io.vaas.shared;

import java.sql.Connection;
import java.sql.Statement;

import io.vaas.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** How the pool's PostgreSQL connections behave, as the driver was configured. */
@PostgresIntegrationTest
class DatabaseConfigurationIntegrationTests {

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void batchedInsertsGoOutAsMultiRowInserts() {
		var counts = jdbc.execute((Connection connection) -> {
			try (var create = connection.createStatement()) {
				create.execute("create temporary table batch_probe (n int) on commit preserve rows");
			}
			try (var insert = connection.prepareStatement("insert into batch_probe (n) values (?)")) {
				for (var n = 1; n <= 4; n++) {
					insert.setInt(1, n);
					insert.addBatch();
				}
				return insert.executeBatch();
			}
			finally {
				try (var drop = connection.createStatement()) {
					drop.execute("drop table batch_probe");
				}
			}
		});

		// Sent as one statement of four rows, the driver no longer has a count per row.
		assertThat(counts).hasSize(4).containsOnly(Statement.SUCCESS_NO_INFO);
	}

}
