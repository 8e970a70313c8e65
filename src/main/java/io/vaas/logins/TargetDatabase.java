package io.vaas.logins;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import io.vaas.bundle.output.RenderedFile;

import org.springframework.stereotype.Component;

/**
 * An operator's PostgreSQL, as the admin user of a database entry: runs the entry's
 * statements in one transaction, with {@code {{name}}}, {@code {{password}}} and
 * {@code {{expiry}}} put in. Those values are made by vaas (a name of letters and digits,
 * a password of letters and digits, an ISO-8601 instant), so they never end a quoted
 * identifier or literal: PostgreSQL takes no bind parameters in {@code CREATE ROLE} and
 * its kin. One connection per server, user and password is kept open for a minute after
 * its last use (opening one costs more than the statements), used by one caller at a time
 * and reset ({@code DISCARD ALL}) after each. A failure names the SQL state and the
 * server's message with every password taken out.
 */
@Component
class TargetDatabase {

	/** Seconds to connect and to wait for an answer. */
	static final int CONNECT_TIMEOUT = 5;

	static final int SOCKET_TIMEOUT = 15;

	private final Cache<String, Held> connections = Caffeine.newBuilder()
		.expireAfterAccess(Duration.ofMinutes(1))
		// Closes an idle connection on time, not at the next use of the cache.
		.scheduler(Scheduler.systemScheduler())
		.<String, Held>removalListener((key, held, cause) -> {
			if (held != null) {
				held.close();
			}
		})
		.build();

	/** A connection, used by one caller at a time. */
	private static final class Held {

		private Connection connection;

		synchronized void close() {
			try {
				if (connection != null) {
					connection.close();
				}
			}
			catch (SQLException ex) {
				// going anyway
			}
			connection = null;
		}

	}

	void execute(String jdbcUrl, String user, String adminPassword, List<String> statements, Map<String, String> values,
			String what) {
		var key = jdbcUrl + "\n" + user + "\n" + RenderedFile.sha256(adminPassword.getBytes(StandardCharsets.UTF_8));
		var held = connections.get(key, k -> new Held());
		synchronized (held) {
			try {
				try {
					run(held, jdbcUrl, user, adminPassword, statements, values);
				}
				catch (SQLException ex) {
					if (ex.getSQLState() == null || !ex.getSQLState().startsWith("08")) {
						throw ex;
					}
					// The kept connection broke (the server restarted): once more on a
					// new one.
					held.close();
					run(held, jdbcUrl, user, adminPassword, statements, values);
				}
			}
			catch (SQLException ex) {
				throw failed(ex, adminPassword, values.getOrDefault("password", ""), what);
			}
		}
	}

	private static void run(Held held, String jdbcUrl, String user, String adminPassword, List<String> statements,
			Map<String, String> values) throws SQLException {
		if (held.connection == null || held.connection.isClosed()) {
			var properties = new Properties();
			properties.setProperty("user", user);
			properties.setProperty("password", adminPassword);
			properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT));
			properties.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT));
			properties.setProperty("ApplicationName", "vaas");
			held.connection = DriverManager.getConnection(jdbcUrl, properties);
			held.connection.setAutoCommit(false);
		}
		var connection = held.connection;
		try (var statement = connection.createStatement()) {
			for (var text : statements) {
				statement.execute(fill(text, values));
			}
			connection.commit();
			// Nothing one entry's statements set (a role, a search path) stays for the
			// next.
			connection.setAutoCommit(true);
			statement.execute("DISCARD ALL");
			connection.setAutoCommit(false);
		}
		catch (SQLException ex) {
			try {
				connection.rollback();
			}
			catch (SQLException broken) {
				held.close();
			}
			throw ex;
		}
	}

	private static LoginFailed failed(SQLException ex, String adminPassword, String password, String what) {
		var reason = ex.getMessage() == null ? "no message" : ex.getMessage();
		for (var secret : List.of(adminPassword, password)) {
			if (!secret.isEmpty()) {
				reason = reason.replace(secret, "(redacted)");
			}
		}
		return new LoginFailed(what + ": the database answered " + ex.getSQLState() + ": "
				+ (reason.length() > 300 ? reason.substring(0, 300) + "…" : reason));
	}

	static String fill(String statement, Map<String, String> values) {
		var filled = statement;
		for (var value : values.entrySet()) {
			filled = filled.replaceAll("\\{\\{\\s*" + value.getKey() + "\\s*}}",
					Matcher.quoteReplacement(value.getValue()));
		}
		return filled;
	}

}
