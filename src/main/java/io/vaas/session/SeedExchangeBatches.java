package io.vaas.session;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.vaas.audit.AuditEntry;
import io.vaas.audit.AuditLog;
import io.vaas.seed.SeedService;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.vaas.shared.DatabaseFailures;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seed exchanges of concurrent requests made together, as a fleet starting up sends them:
 * those waiting when a lane is free take one transaction (one statement for every seed's
 * use, one batch of sessions, one of audit events, one commit) instead of four round
 * trips each. Each request waits for its batch's commit, then signs its own token. A seed
 * the batch took nothing for, and every exchange of a batch that failed but for an
 * outage, is redeemed alone by {@link SeedCredential}, which says why. PostgreSQL only.
 */
@Component
class SeedExchangeBatches implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SeedExchangeBatches.class);

	/** The most exchanges in one transaction. */
	static final int MAX_BATCH = 64;

	/** Transactions at once by default ({@code vaas.agents.exchange-lanes}; 0: none). */
	static final int LANES = 2;

	private final SeedService seeds;

	private final AgentSessions sessions;

	private final EntityManager entities;

	private final AuditLog audit;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();

	private final List<Thread> lanes = new ArrayList<>();

	private final DistributionSummary sizes;

	private final int laneCount;

	private volatile boolean running;

	SeedExchangeBatches(SeedService seeds, AgentSessions sessions, EntityManager entities, AuditLog audit,
			TransactionTemplate transactions, Clock clock, MeterRegistry meters,
			@Value("${vaas.agents.exchange-lanes:" + LANES + "}") int laneCount) {
		if (laneCount < 0) {
			throw new IllegalArgumentException(
					"vaas.agents.exchange-lanes must be 0 (every seed exchange alone) or more, not " + laneCount);
		}
		this.laneCount = laneCount;
		this.seeds = seeds;
		this.sessions = sessions;
		this.entities = entities;
		this.audit = audit;
		this.transactions = transactions;
		this.clock = clock;
		this.sizes = DistributionSummary.builder("vaas.seed.exchanges.batch")
			.description("Seed exchanges made in one transaction")
			.baseUnit("exchanges")
			.register(meters);
	}

	private record Pending(String token, String address, CompletableFuture<@Nullable AgentSession> made) {

		@Override
		public String toString() {
			return "Pending[address=" + address + "]";
		}

	}

	/**
	 * Exchanges the seed token in the next batch.
	 * @return the session made, its seed's use taken and the exchange audited, all
	 * committed; {@code null} when the batch took nothing for this seed, or no batch runs
	 * here: the caller then redeems it alone
	 */
	@Nullable AgentSession exchange(String token, String address) {
		if (!running || laneCount == 0 || !seeds.redeemsInBatches()) {
			return null;
		}
		var pending = new Pending(token, address, new CompletableFuture<>());
		queue.add(pending);
		if (!running && queue.remove(pending)) {
			// Stopped meanwhile, and no lane took it.
			return null;
		}
		try {
			return pending.made().join();
		}
		catch (CompletionException ex) {
			throw ex.getCause() instanceof RuntimeException failure ? failure : ex;
		}
	}

	/** Exchanges waiting for a lane. */
	int waiting() {
		return queue.size();
	}

	private void run() {
		var batch = new ArrayList<Pending>(MAX_BATCH);
		while (running) {
			try {
				var first = queue.poll(200, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				queue.drainTo(batch, MAX_BATCH - 1);
				exchange(batch);
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (Throwable ex) {
				// A lane outlives whatever went wrong: its batch is redeemed alone.
				log.error("event=seed_exchange_lane_failed error={}", ex.getClass().getName());
			}
			finally {
				// Whatever was not answered is redeemed alone by its request.
				batch.forEach(pending -> pending.made().complete(null));
				batch.clear();
			}
		}
	}

	private void exchange(List<Pending> batch) {
		try {
			var made = transactions.execute(status -> {
				var grants = seeds.redeemAll(batch.stream().map(Pending::token).toList());
				var now = clock.instant();
				var sessionsMade = new ArrayList<@Nullable AgentSession>(batch.size());
				var events = new ArrayList<AuditEntry>(batch.size());
				var addresses = new ArrayList<@Nullable String>(batch.size());
				for (var i = 0; i < batch.size(); i++) {
					var grant = grants.get(i);
					if (grant == null) {
						sessionsMade.add(null);
						continue;
					}
					var granted = SeedCredential.granted(grant);
					var session = new AgentSession(granted, batch.get(i).address(), now);
					sessionsMade.add(session);
					events.add(TokenExchange.exchanged(SeedCredential.ACTION, granted, session));
					addresses.add(batch.get(i).address());
				}
				if (!events.isEmpty()) {
					entities.unwrap(Session.class).setJdbcBatchSize(MAX_BATCH);
					sessions.saveAll(sessionsMade.stream().filter(Objects::nonNull).toList());
					audit.recordAll(events, addresses);
				}
				return sessionsMade;
			});
			// Committed: each request gets its session now, and never redeems its seed
			// again, whatever happens after.
			for (var i = 0; i < batch.size(); i++) {
				batch.get(i).made().complete(made == null ? null : made.get(i));
			}
			sizes.record(batch.size());
		}
		catch (RuntimeException ex) {
			if (DatabaseFailures.isUnavailable(ex)) {
				// Each request answers as if it had found the database away itself.
				batch.forEach(pending -> pending.made().completeExceptionally(ex));
				return;
			}
			// Each is tried alone: a failure of one exchange fails no other.
			log.warn("event=seed_exchange_batch_failed exchanges={} error={} then=one_at_a_time", batch.size(),
					ex.getClass().getName());
		}
	}

	@Override
	public void start() {
		running = true;
		for (var i = 0; i < laneCount; i++) {
			lanes.add(Thread.ofPlatform().daemon().name("vaas-seed-exchanges-" + i).start(this::run));
		}
	}

	@Override
	public void stop() {
		running = false;
		var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		try {
			for (var lane : lanes) {
				lane.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		lanes.clear();
		// Those that came after the lanes' last look: each is redeemed alone.
		for (Pending pending; (pending = queue.poll()) != null;) {
			pending.made().complete(null);
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/**
	 * Stops after the web server has answered its last request (its phase is
	 * {@code DEFAULT_PHASE - 2048}), before the audit log's queue and sequencer.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 2560;
	}

}
