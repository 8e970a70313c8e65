package io.vaas.seed;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.vaas.audit.AuditEntry;
import io.vaas.audit.AuditLog;
import io.vaas.bundle.BundleRefs;
import io.vaas.operator.Access;
import io.vaas.operator.Permission;
import io.vaas.shared.NamespaceName;
import io.vaas.shared.ResourceName;
import io.vaas.shared.Tokens;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Issues, lists, revokes and redeems seeds. */
@Service
public class SeedService {

	/** Prefix of every seed token. */
	public static final String PREFIX = "vaas_seed_";

	private final Seeds seeds;

	private final SeedUses uses;

	private final BundleRefs bundles;

	private final Access access;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	SeedService(Seeds seeds, SeedUses uses, BundleRefs bundles, Access access, AuditLog audit,
			ApplicationEventPublisher events, TransactionTemplate transactions, Clock clock) {
		this.seeds = seeds;
		this.uses = uses;
		this.bundles = bundles;
		this.access = access;
		this.audit = audit;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * What a seed should allow.
	 *
	 * @param ttl how long it can be exchanged (default 24 h, at most 30 days)
	 * @param uses how many exchanges (default 1)
	 * @param areas which areas its sessions may fetch (default all)
	 * @param maxSessionLifetime how long a session may be renewed (default 24 h, at most
	 * 30 days)
	 * @param description what it is for
	 */
	public record Request(@Nullable Duration ttl, @Nullable Integer uses, @Nullable List<String> areas,
			@Nullable Duration maxSessionLifetime, @Nullable String description) {
	}

	public IssuedSeed create(NamespaceName namespace, ResourceName bundleName, Request request) {
		var actor = access.require(namespace, Permission.MANAGE_SEEDS);
		var ttl = SeedRules.ttl(request.ttl());
		int uses = SeedRules.uses(request.uses());
		var maxSession = SeedRules.maxSession(request.maxSessionLifetime());
		SeedRules.description(request.description());
		var areas = SeedRules.areas(request.areas());
		var bundle = bundles.ref(namespace, bundleName);
		var token = Tokens.generate(PREFIX);
		return transactions.execute(status -> {
			var now = clock.instant();
			var seed = seeds.save(new Seed(namespace.value(), bundle.id(), bundle.name(), Tokens.hash(token),
					request.description(), uses, areas, maxSession, now, actor.name(), now.plus(ttl)));
			audit.record(AuditEntry.success(actor, "seed.create", namespace.value(), seed.id().toString(), null));
			return new IssuedSeed(token, seed.view(now));
		});
	}

	public List<SeedView> list(NamespaceName namespace) {
		access.require(namespace, Permission.READ);
		var now = clock.instant();
		return transactions.execute(status -> seeds.findByNamespaceOrderByCreatedAtDesc(namespace.value())
			.stream()
			.map(seed -> seed.view(now))
			.toList());
	}

	/**
	 * Revokes the seed and, through {@link SeedEvents.SeedRevoked}, the sessions it
	 * produced.
	 */
	public void revoke(NamespaceName namespace, String id) {
		var actor = access.require(namespace, Permission.MANAGE_SEEDS);
		transactions.executeWithoutResult(status -> {
			var seed = lock(id).filter(candidate -> candidate.namespace().equals(namespace.value()))
				.orElseThrow(() -> new SeedNotFound(id));
			if (seed.revokedAt() == null) {
				seed.revoke(clock.instant());
				events.publishEvent(new SeedEvents.SeedRevoked(seed.id()));
				audit.record(AuditEntry.success(actor, "seed.revoke", namespace.value(), id, null));
			}
		});
	}

	/** A token seed by its UUID, or a key seed by its key id, loaded and locked. */
	private java.util.Optional<Seed> lock(String id) {
		UUID uuid;
		try {
			uuid = UUID.fromString(id);
		}
		catch (IllegalArgumentException notAUuid) {
			return seeds.lockByKeyId(id);
		}
		return seeds.lockById(uuid).filter(seed -> !seed.isKey());
	}

	/**
	 * Takes one use of the seed behind each token, in the caller's transaction and in one
	 * statement for them all: a fleet's exchanges redeemed together.
	 * @return what each token's seed grants, in the tokens' order; {@code null} where
	 * none was taken (a malformed, unknown, used-up, revoked or expired seed, or one
	 * presented more often than it has uses left), which {@link #redeem} then tells apart
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public List<@Nullable SeedGrant> redeemAll(List<String> tokens) {
		var hashes = tokens.stream()
			.map(token -> Tokens.isWellFormed(PREFIX, token) ? ByteBuffer.wrap(Tokens.hash(token)) : null)
			.toList();
		var wellFormed = hashes.stream().filter(Objects::nonNull).map(ByteBuffer::array).toList();
		var taken = wellFormed.isEmpty() ? Map.<ByteBuffer, SeedGrant>of() : uses.takeAll(wellFormed, clock.instant());
		var grants = new ArrayList<@Nullable SeedGrant>(tokens.size());
		hashes.forEach(hash -> grants.add(hash == null ? null : taken.get(hash)));
		return grants;
	}

	/** Whether {@link #redeemAll} can take several seeds at once on this database. */
	public boolean redeemsInBatches() {
		return uses.takesMany();
	}

	/**
	 * Takes one use of the seed behind {@code token}, in the caller's transaction: in one
	 * statement when it can be taken, else the seed is looked up to tell a replay from
	 * the other refusals. Every kind of failure looks the same to the caller's client;
	 * the reason is for the audit log.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Redemption redeem(String token) {
		if (!Tokens.isWellFormed(PREFIX, token)) {
			return new Redemption.Refused("malformed seed", null);
		}
		var hash = Tokens.hash(token);
		var taken = uses.take(hash, clock.instant());
		if (taken.isPresent()) {
			return new Redemption.Accepted(taken.get());
		}
		var found = seeds.findByTokenHash(hash).filter(seed -> Tokens.sameHash(hash, seed.tokenHash()));
		if (found.isEmpty()) {
			return new Redemption.Refused("unknown seed", null);
		}
		var seed = found.get();
		var now = clock.instant();
		if (seed.usesTotal() == 1 && seed.usesLeft() <= 0) {
			// Checked before expiry and revocation: a used single-use seed is a replay
			// however late it comes.
			return new Redemption.Replayed(seed.id(), seed.namespace());
		}
		if (seed.revokedAt() != null) {
			return new Redemption.Refused("revoked seed " + seed.id(), seed.namespace());
		}
		if (!now.isBefore(seed.expiresAt())) {
			return new Redemption.Refused("expired seed " + seed.id(), seed.namespace());
		}
		if (seeds.consume(seed.id(), now) == 1) {
			return new Redemption.Accepted(seed.grant());
		}
		if (seed.usesTotal() == 1) {
			return new Redemption.Replayed(seed.id(), seed.namespace());
		}
		return new Redemption.Refused("used-up seed " + seed.id(), seed.namespace());
	}

}
