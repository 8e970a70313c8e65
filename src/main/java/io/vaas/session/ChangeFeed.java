package io.vaas.session;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import io.vaas.shared.NamespaceChanged;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Wakes long-polling agents when something their bundle renders from changes. On this
 * replica a change wakes waiters right after it commits; on PostgreSQL it is also sent
 * with {@code NOTIFY} inside the changing transaction (so it is delivered exactly when,
 * and only if, the change commits) and every replica {@code LISTEN}s on a connection of
 * its own. On H2 (the single-node default) the in-process wake is all there is.
 * <p>
 * While the {@code LISTEN} connection is down (detected within half a second when it is
 * closed, and by a heartbeat within about 15 s when it hangs) a change on another replica
 * could go unnoticed, so {@link #generation} answers {@link #UNKNOWN} and renders are not
 * cached; on reconnecting every namespace counts as changed.
 */
@Component
class ChangeFeed implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);

	static final String CHANNEL = "vaas_changes";

	/** The {@code application_name} of the listening connection. */
	static final String APPLICATION_NAME = "vaas-change-listener";

	/** What {@link #generation} answers when changes elsewhere could go unnoticed. */
	static final long UNKNOWN = -1;

	static final Duration HEARTBEAT = Duration.ofSeconds(5);

	static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(10);

	private final DataSource dataSource;

	private final JdbcTemplate jdbc;

	private final boolean postgres;

	private final Map<String, CompletableFuture<Void>> next = new ConcurrentHashMap<>();

	private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();

	private volatile boolean running;

	/**
	 * On PostgreSQL: whether this replica is listening (and its last heartbeat answered).
	 */
	private volatile boolean listening;

	private volatile Thread listener;

	ChangeFeed(DataSource dataSource, JdbcTemplate jdbc) throws SQLException {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		try (var connection = dataSource.getConnection()) {
			this.postgres = "PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
		}
	}

	/**
	 * Completes at the namespace's next change. Take it before reading, so no change is
	 * missed.
	 */
	CompletableFuture<Void> nextChange(String namespace) {
		return next.computeIfAbsent(namespace, key -> new CompletableFuture<>());
	}

	/**
	 * Counts the namespace's changes seen by this replica; a new value means cached
	 * renders are stale, and {@link #UNKNOWN} that nothing may be cached now.
	 */
	long generation(String namespace) {
		if (postgres && !listening) {
			return UNKNOWN;
		}
		return generations.computeIfAbsent(namespace, key -> new AtomicLong()).get();
	}

	void wake(String namespace) {
		generations.computeIfAbsent(namespace, key -> new AtomicLong()).incrementAndGet();
		var waiting = next.remove(namespace);
		if (waiting != null) {
			waiting.complete(null);
		}
	}

	private void wakeAll() {
		generations.keySet().forEach(this::wake);
		next.keySet().forEach(this::wake);
	}

	/**
	 * Inside the changing transaction: PostgreSQL delivers the notification at commit,
	 * and drops it on rollback.
	 */
	@EventListener
	void notifyReplicas(NamespaceChanged change) {
		if (postgres) {
			jdbc.queryForObject("select pg_notify(?, ?)", Object.class, CHANNEL, change.namespace());
		}
	}

	@TransactionalEventListener(fallbackExecution = true)
	void wakeHere(NamespaceChanged change) {
		wake(change.namespace());
	}

	@Override
	public void start() {
		running = true;
		if (postgres) {
			listener = Thread.ofPlatform().daemon().name("vaas-change-listener").start(this::listen);
		}
	}

	/**
	 * Listens before the web server takes requests, and until it has answered the last
	 * one.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	@Override
	public void stop() {
		running = false;
		listening = false;
		var thread = listener;
		if (thread != null) {
			thread.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void listen() {
		var backoff = Duration.ofMillis(200);
		while (running) {
			try (var connection = dataSource.getConnection()) {
				connection.setAutoCommit(true);
				connection.setNetworkTimeout(Runnable::run, (int) NETWORK_TIMEOUT.toMillis());
				connection.setClientInfo("ApplicationName", APPLICATION_NAME);
				try (var statement = connection.createStatement()) {
					statement.execute("LISTEN " + CHANNEL);
				}
				// Changes made while this replica was not listening are unknown: everyone
				// looks again.
				wakeAll();
				listening = true;
				backoff = Duration.ofMillis(200);
				var pg = connection.unwrap(PGConnection.class);
				var beat = System.nanoTime();
				try {
					while (running) {
						var notifications = pg.getNotifications(500);
						if (notifications != null) {
							for (var notification : notifications) {
								wake(notification.getParameter());
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
				backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10)
						: backoff.multipliedBy(2);
			}
		}
	}

}
