package io.vaas.delivery;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL connection of its own that {@code LISTEN}s on some channels and hands
 * every notification on; reconnects by itself (backing off to at most
 * {@link #MAX_BACKOFF}) and finds a connection that hangs with a heartbeat.
 */
final class ChangeListener {

	private static final Logger log = LoggerFactory.getLogger(ChangeListener.class);

	/** The {@code application_name} of the listening connection. */
	static final String APPLICATION_NAME = "vaas-change-listener";

	static final Duration HEARTBEAT = Duration.ofSeconds(5);

	static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Low, so that within seconds of the database coming back a replica listens again.
	 */
	static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

	private final DataSource dataSource;

	private final List<String> channels;

	private final Consumer<PGNotification> received;

	private final Runnable connected;

	private volatile boolean running;

	private volatile boolean listening;

	private volatile Thread thread;

	/**
	 * @param connected runs each time listening (re)starts, before any notification: what
	 * happened while nobody listened is unknown
	 */
	ChangeListener(DataSource dataSource, List<String> channels, Consumer<PGNotification> received,
			Runnable connected) {
		this.dataSource = dataSource;
		this.channels = channels;
		this.received = received;
		this.connected = connected;
	}

	/** Whether this replica is listening (and its last heartbeat answered). */
	boolean listening() {
		return listening;
	}

	void start() {
		running = true;
		thread = Thread.ofPlatform().daemon().name(APPLICATION_NAME).start(this::listen);
	}

	void stop() {
		running = false;
		listening = false;
		var listener = thread;
		if (listener != null) {
			listener.interrupt();
		}
	}

	private void listen() {
		var backoff = Duration.ofMillis(200);
		while (running) {
			try (var connection = dataSource.getConnection()) {
				connection.setAutoCommit(true);
				connection.setNetworkTimeout(Runnable::run, (int) NETWORK_TIMEOUT.toMillis());
				connection.setClientInfo("ApplicationName", APPLICATION_NAME);
				try (var statement = connection.createStatement()) {
					for (var channel : channels) {
						statement.execute("LISTEN " + channel);
					}
				}
				connected.run();
				listening = true;
				backoff = Duration.ofMillis(200);
				try {
					receive(connection);
				}
				finally {
					listening = false;
					try (var statement = connection.createStatement()) {
						statement.execute("UNLISTEN *");
					}
					finally {
						connection.setClientInfo("ApplicationName", "");
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				listening = false;
				if (!running) {
					return;
				}
				log.warn("event=change_listener_failed retry_in_ms={} error={}", backoff.toMillis(),
						ex.getClass().getSimpleName());
				try {
					Thread.sleep(backoff);
				}
				catch (InterruptedException interrupted) {
					return;
				}
				backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
			}
		}
	}

	private void receive(java.sql.Connection connection) throws SQLException {
		var pg = connection.unwrap(PGConnection.class);
		var beat = System.nanoTime();
		while (running) {
			var notifications = pg.getNotifications(500);
			if (notifications != null) {
				for (var notification : notifications) {
					received.accept(notification);
				}
			}
			if (System.nanoTime() - beat > HEARTBEAT.toNanos()) {
				try (var statement = connection.createStatement()) {
					statement.execute("select 1");
				}
				beat = System.nanoTime();
			}
		}
	}

}
