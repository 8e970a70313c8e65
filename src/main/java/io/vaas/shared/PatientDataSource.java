package io.vaas.shared;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Opens the pool's connections, retrying every 100 ms for up to {@link #PATIENCE} while
 * the database refuses them (down, restarting, starting up). HikariCP sleeps between
 * failed attempts with a back-off that doubles up to 5 s and cannot be configured; by
 * failing rarely, its adder is almost always in this loop rather than asleep, so the pool
 * has a connection within about 100 ms of the database's return. Requests never wait
 * here: they wait on the pool, for at most its connection timeout.
 */
final class PatientDataSource extends DelegatingDataSource {

	static final Duration PATIENCE = Duration.ofSeconds(30);

	static final Duration RETRY = Duration.ofMillis(100);

	/** Cannot connect (08001, 08004, 08006), or starting up / shutting down (57P0x). */
	private static final Set<String> REFUSED = Set.of("08001", "08004", "08006", "57P01", "57P02", "57P03");

	PatientDataSource(DataSource target) {
		super(target);
	}

	@Override
	public Connection getConnection() throws SQLException {
		return patiently(() -> obtainTargetDataSource().getConnection());
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return patiently(() -> obtainTargetDataSource().getConnection(username, password));
	}

	private static Connection patiently(Open open) throws SQLException {
		var deadline = System.nanoTime() + PATIENCE.toNanos();
		while (true) {
			try {
				return open.open();
			}
			catch (SQLException ex) {
				if (!REFUSED.contains(ex.getSQLState()) || System.nanoTime() - deadline > 0) {
					throw ex;
				}
				try {
					Thread.sleep(RETRY);
				}
				catch (InterruptedException interrupted) {
					// The pool is shutting down.
					Thread.currentThread().interrupt();
					throw ex;
				}
			}
		}
	}

	private interface Open {

		Connection open() throws SQLException;

	}

}
