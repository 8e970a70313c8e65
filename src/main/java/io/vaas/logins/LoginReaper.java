package io.vaas.logins;

import java.sql.DatabaseMetaData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vaas.session.ActiveSessions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drops the logins whose session ended or was revoked, those past their expiry, and those
 * a crash left half-made, with each login's revocation statements; every
 * {@code vaas.logins.reap-interval}, on one replica at a time (a PostgreSQL advisory lock
 * held for the round). A drop that fails is tried again the next round.
 */
@Component
class LoginReaper implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(LoginReaper.class);

	/** The advisory lock's key: "vaas" and "reap" in ASCII. */
	static final long LOCK = 0x76616173_72656170L;

	/** A login still being made after this was left half-made by a crash. */
	static final Duration HALF_MADE_AFTER = Duration.ofMinutes(1);

	/** How long a dropped login's record is kept (who had which role when). */
	static final Duration KEEP_DROPPED = Duration.ofDays(7);

	/** How many logins one round looks at. */
	static final int BATCH = 500;

	private final IssuedLogins logins;

	private final ActiveSessions sessions;

	private final AdminPasswords admins;

	private final TargetDatabase target;

	private final TransactionTemplate transactions;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final LoginProperties properties;

	private volatile @Nullable Thread thread;

	private volatile boolean running;

	private volatile Instant purgedAt = Instant.EPOCH;

	private final TransactionTemplate separately;

	private volatile boolean postgres;

	LoginReaper(IssuedLogins logins, ActiveSessions sessions, AdminPasswords admins, TargetDatabase target,
			PlatformTransactionManager transactions, JdbcTemplate jdbc, Clock clock, LoginProperties properties) {
		this.logins = logins;
		this.sessions = sessions;
		this.admins = admins;
		this.target = target;
		this.transactions = new TransactionTemplate(transactions);
		this.separately = new TransactionTemplate(transactions);
		this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.jdbc = jdbc;
		this.clock = clock;
		this.properties = properties;
	}

	@Override
	public void start() {
		try {
			postgres = "PostgreSQL".equals(
					JdbcUtils.extractDatabaseMetaData(jdbc.getDataSource(), DatabaseMetaData::getDatabaseProductName));
		}
		catch (Exception ex) {
			postgres = false;
		}
		running = true;
		thread = Thread.ofVirtual().name("vaas-login-reaper").start(this::run);
	}

	@Override
	public void stop() {
		running = false;
		var reaper = thread;
		thread = null;
		if (reaper != null) {
			reaper.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void run() {
		while (running) {
			try {
				Thread.sleep(properties.reapInterval());
				transactions.executeWithoutResult(status -> {
					// One replica reaps at a time; the others skip the round.
					if (!postgres || Boolean.TRUE
						.equals(jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class, LOCK))) {
						reap();
					}
				});
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				log.warn("event=login_reap_failed error={}", ex.getClass().getSimpleName());
			}
		}
	}

	/**
	 * One round, inside the transaction that holds the lock: the logins due by time, then
	 * those of sessions that ended; each drop is recorded in a transaction of its own, so
	 * it counts at once.
	 */
	void reap() {
		var now = clock.instant();
		var due = new ArrayList<>(logins.dueByTime(now, now.minus(HALF_MADE_AFTER), Pageable.ofSize(BATCH)));
		var sessionsWithLogins = logins.liveSessions();
		for (var from = 0; from < sessionsWithLogins.size(); from += 1000) {
			var chunk = sessionsWithLogins.subList(from, Math.min(sessionsWithLogins.size(), from + 1000));
			var active = sessions.activeAmong(chunk);
			var ended = chunk.stream().filter(session -> !active.contains(session)).toList();
			if (!ended.isEmpty()) {
				due.addAll(logins.liveOf(ended, Pageable.ofSize(BATCH)));
			}
		}
		var dropped = new HashSet<UUID>();
		for (var login : due) {
			if (dropped.add(login.id())) {
				drop(login);
			}
		}
		if (now.isAfter(purgedAt.plus(Duration.ofHours(1)))) {
			purgedAt = now;
			separately.executeWithoutResult(status -> logins.purgeDroppedBefore(now.minus(KEEP_DROPPED)));
		}
	}

	private void drop(IssuedLogin login) {
		try {
			List<String> statements = DatabaseLogins.JSON.readValue(login.revocationStatements(),
					new TypeReference<List<String>>() {
					});
			target.execute(login.url(), login.adminUsername(), admins.password(login.namespace(), login.adminSecret()),
					statements, Map.of("name", login.roleName(), "expiry", login.expiresAt().toString()),
					"dropping " + login.roleName());
			separately.executeWithoutResult(
					status -> logins.findById(login.id()).ifPresent(row -> row.dropped(clock.instant())));
			log.info("event=login_dropped role={} session={}", login.roleName(), login.sessionId());
		}
		catch (LoginFailed ex) {
			separately.executeWithoutResult(status -> logins.findById(login.id()).ifPresent(IssuedLogin::dropFailed));
			log.warn("event=login_drop_failed role={} attempts={} reason=\"{}\"", login.roleName(),
					login.dropAttempts() + 1, ex.getMessage());
		}
	}

	@Override
	public int getPhase() {
		// Stops before the database does.
		return Integer.MAX_VALUE - 2000;
	}

}
