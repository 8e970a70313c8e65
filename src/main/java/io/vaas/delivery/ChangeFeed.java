package io.vaas.delivery;

import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import io.vaas.session.ActiveSessions;
import io.vaas.session.SessionRevoked;
import io.vaas.shared.NamespaceChanged;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Wakes long-polling agents when something their bundle renders from changes. On this
 * replica a change wakes waiters right after it commits; on PostgreSQL it is also sent
 * with {@code NOTIFY} inside the changing transaction (so it is delivered exactly when,
 * and only if, the change commits) and every replica {@code LISTEN}s on a connection of
 * its own; a replica passes over the notifications it sent itself ({@link Notice}). On H2
 * (the single-node default) the in-process wake is all there is.
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

	/**
	 * Revoked sessions, so other replicas refuse them (and end their long-polls) at once.
	 */
	static final String REVOCATIONS = "vaas_revocations";

	/** What {@link #generation} answers when changes elsewhere could go unnoticed. */
	static final long UNKNOWN = -1;

	private final ActiveSessions sessions;

	private final JdbcTemplate jdbc;

	private final boolean postgres;

	private final Waiters next = new Waiters();

	/** This replica, in the notifications it sends. */
	private final String origin = UUID.randomUUID().toString();

	private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();

	private volatile boolean running;

	/** On PostgreSQL. */
	private final @Nullable ChangeListener listener;

	ChangeFeed(DataSource dataSource, JdbcTemplate jdbc, ActiveSessions sessions) throws SQLException {
		this.sessions = sessions;
		this.jdbc = jdbc;
		try (var connection = dataSource.getConnection()) {
			this.postgres = "PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
		}
		// Changes made while this replica was not listening are unknown: everyone looks
		// again.
		this.listener = postgres
				? new ChangeListener(dataSource, java.util.List.of(CHANNEL, REVOCATIONS), this::received, this::wakeAll)
				: null;
	}

	/**
	 * Runs {@code wake} once, at the namespace's next change (on the thread that learns
	 * of it: it must be quick). Take it before reading, so no change is missed.
	 * @return what cancels it, when the waiter stops waiting first
	 */
	Runnable onNextChange(String namespace, Runnable wake) {
		return next.add(namespace, wake);
	}

	/** How many wait for the namespace's next change. */
	int waiters(String namespace) {
		return next.count(namespace);
	}

	/**
	 * Counts the namespace's changes seen by this replica; a new value means cached
	 * renders are stale, and {@link #UNKNOWN} that nothing may be cached now.
	 */
	long generation(String namespace) {
		if (listener != null && !listener.listening()) {
			return UNKNOWN;
		}
		return generations.computeIfAbsent(namespace, key -> new AtomicLong()).get();
	}

	void wake(String namespace) {
		generations.computeIfAbsent(namespace, key -> new AtomicLong()).incrementAndGet();
		next.wake(namespace);
	}

	private void wakeAll() {
		generations.keySet().forEach(this::wake);
		next.namespaces().forEach(this::wake);
	}

	/**
	 * Wakes the namespace's waiting long-polls without marking anything changed: they
	 * look again (at a revocation, say) and go on waiting.
	 */
	void nudge(String namespace) {
		next.wake(namespace);
	}

	/** Wakes every waiting long-poll (the server is stopping). */
	void nudgeAll() {
		next.namespaces().forEach(this::nudge);
	}

	/** Inside the revoking transaction, as {@link #notifyReplicas}. */
	@EventListener
	void notifyReplicas(SessionRevoked revocation) {
		if (postgres) {
			jdbc.queryForObject("select pg_notify(?, ?)", Object.class, REVOCATIONS,
					Notice.payload(origin, revocation.payload()));
		}
	}

	/**
	 * After the session module has taken the revocation in (order 0): the session's
	 * waiting long-polls look again and end with 401.
	 */
	@TransactionalEventListener(fallbackExecution = true)
	@Order(1)
	void revokedHere(SessionRevoked revocation) {
		nudge(revocation.namespace());
	}

	private void received(org.postgresql.PGNotification notification) {
		var notice = Notice.parse(notification.getParameter());
		if (origin.equals(notice.origin())) {
			// Taken in when it committed here (wakeHere, revokedHere).
			return;
		}
		if (REVOCATIONS.equals(notification.getName())) {
			try {
				var revocation = SessionRevoked.parse(notice.body());
				sessions.revokedElsewhere(revocation);
				nudge(revocation.namespace());
			}
			catch (IllegalArgumentException ex) {
				log.warn("event=revocation_payload_unreadable");
			}
		}
		else {
			wake(notice.body());
		}
	}

	/**
	 * Inside the changing transaction: PostgreSQL delivers the notification at commit,
	 * and drops it on rollback.
	 */
	@EventListener
	void notifyReplicas(NamespaceChanged change) {
		if (postgres) {
			jdbc.queryForObject("select pg_notify(?, ?)", Object.class, CHANNEL,
					Notice.payload(origin, change.namespace()));
		}
	}

	@TransactionalEventListener(fallbackExecution = true)
	void wakeHere(NamespaceChanged change) {
		wake(change.namespace());
	}

	@Override
	public void start() {
		running = true;
		if (listener != null) {
			listener.start();
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
		if (listener != null) {
			listener.stop();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

}
