package io.vaas.shared;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a database that cannot be reached (stopped, restarting, unreachable, out of
 * connections) from every other failure, so the answer is a 503 with {@code Retry-After},
 * not a 500: the request was fine and will work again.
 */
public final class DatabaseFailures {

	/** What a refused client is told to wait before trying again. */
	public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	/**
	 * SQLSTATEs of a server that is shutting down, starting or out of connections (class
	 * 08, connection exceptions, is checked by its prefix).
	 */
	private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

	private DatabaseFailures() {
	}

	/**
	 * Whether the failure, or anything that caused it, says the database is out of reach.
	 */
	public static boolean isUnavailable(@Nullable Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
					|| t instanceof QueryTimeoutException || t instanceof SQLTransientConnectionException
					|| t instanceof SQLNonTransientConnectionException || t instanceof SQLRecoverableException
					|| t instanceof SQLTimeoutException || t instanceof ConnectException
					|| t instanceof org.hibernate.exception.JDBCConnectionException) {
				return true;
			}
			if (t instanceof org.hibernate.TransactionException && t.getCause() instanceof SQLException) {
				// A rollback or commit that fails on the connection itself: the failure
				// it
				// replaced was the connection's too.
				return true;
			}
			if (t instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || UNAVAILABLE_STATES.contains(sql.getSQLState()))) {
				return true;
			}
			if (t.getCause() == t) {
				break;
			}
		}
		return false;
	}

	/** The problem every API answers while the database is out of reach. */
	public static ProblemDetail problem() {
		return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable", "Database unavailable",
				"The database cannot be reached right now; retry after " + RETRY_AFTER.toSeconds()
						+ " seconds. A write answered this way was made completely or not at all");
	}

	/**
	 * Logs the outage at most once every few seconds, not once per request: while the
	 * database is away, every request would say the same.
	 */
	public static void log(Throwable failure) {
		var now = System.nanoTime();
		var last = lastLogged.get();
		if (now - last > LOG_EVERY.toNanos() && lastLogged.compareAndSet(last, now)) {
			LOG.warn("event=database_unavailable error={}", failure.getClass().getSimpleName());
		}
	}

	private static final Duration LOG_EVERY = Duration.ofSeconds(5);

	private static final java.util.concurrent.atomic.AtomicLong lastLogged = new java.util.concurrent.atomic.AtomicLong(
			System.nanoTime() - LOG_EVERY.toNanos() - 1);

	private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DatabaseFailures.class);

	public static ResponseEntity<ProblemDetail> response() {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()))
			.contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem());
	}

}
