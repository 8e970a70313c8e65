package io.vaas.keys;

import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.vaas.audit.AuditEntry;
import io.vaas.audit.AuditLog;
import io.vaas.operator.Access;
import io.vaas.shared.DataDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The key hierarchy: master key → KEKs (sealed in the database) → data keys (sealed by a
 * KEK, stored beside what they encrypt). At start-up it checks the master key against the
 * stored key check value — a wrong key stops the start, before any secret is touched —
 * and creates the first KEK. Rotation makes a new KEK primary and re-wraps every data key
 * in short batches while the service keeps serving: an unwrapped KEK stays usable until
 * nothing refers to it.
 */
@Service
public class KeyRing implements DataKeyWrapper, InitializingBean {

	private static final Logger log = LoggerFactory.getLogger(KeyRing.class);

	static final int MAX_BATCH = 10_000;

	private final Keks keks;

	private final KeyChecks checks;

	private final List<WrappedKeyStore> stores;

	private final MasterKeyProperties properties;

	private final DataDirectory data;

	private final TransactionTemplate transactions;

	private final Access access;

	private final AuditLog audit;

	private final Clock clock;

	private final Map<UUID, byte[]> unsealed = new ConcurrentHashMap<>();

	private final Rewrapping rewrapping;

	private volatile MasterKey master;

	private volatile UUID primary;

	KeyRing(Keks keks, KeyChecks checks, List<WrappedKeyStore> stores, MasterKeyProperties properties,
			DataDirectory data, TransactionTemplate transactions, Access access, AuditLog audit, Clock clock) {
		this.keks = keks;
		this.checks = checks;
		this.stores = stores;
		this.properties = properties;
		this.data = data;
		this.transactions = transactions;
		this.access = access;
		this.audit = audit;
		this.clock = clock;
		this.rewrapping = new Rewrapping(stores, keks, transactions, audit, this);
	}

	@Override
	public void afterPropertiesSet() {
		master = MasterKey.load(properties, data.dataDir());
		try {
			initialize();
		}
		catch (DataIntegrityViolationException raced) {
			// Another replica initialised a fresh database at the same moment: use its
			// rows.
			initialize();
		}
		log.info("event=key_ring_ready primary_kek={}", primary);
	}

	private void initialize() {
		transactions.executeWithoutResult(status -> {
			var stored = checks.findById(1);
			if (stored.isEmpty()) {
				checks.saveAndFlush(new KeyCheck(master.checkValue(), clock.instant()));
			}
			else if (!MessageDigest.isEqual(stored.get().checkValue(), master.checkValue())) {
				throw new MasterKeyProblem(
						"The master key does not match the key check value stored in the database: "
								+ "this is not the key its secrets were encrypted with.",
						"Start with the master key this database was created with (VAAS_MASTER_KEY or "
								+ "VAAS_MASTER_KEY_FILE).");
			}
			checks.lock();
			primary = keks.findPrimary().orElseGet(() -> keks.save(newKek())).id();
		});
	}

	/**
	 * Reads the primary from the database each time, so a rotation on another replica
	 * takes effect here too.
	 */
	@Override
	public WrappedKey wrap(byte[] dataKey, String context) {
		return wrapWith(keks.findPrimary().orElseThrow().id(), dataKey, context);
	}

	/** Wraps a data key with the given KEK (re-wrapping uses the new primary). */
	WrappedKey wrapWith(UUID kekId, byte[] dataKey, String context) {
		return new WrappedKey(kekId, AesGcm.seal(kek(kekId), dataKey, dekAssociatedData(kekId, context)));
	}

	@Override
	public byte[] unwrap(WrappedKey key, String context) {
		return AesGcm.open(kek(key.kekId()), key.sealed(), dekAssociatedData(key.kekId(), context));
	}

	/**
	 * Makes a new KEK primary, retires the old one, and re-wraps every data key under the
	 * new one.
	 */
	public RotationResult rotate(int batchSize) {
		var actor = access.requireSuperuser();
		var size = checkBatch(batchSize);
		var rotated = transactions.execute(status -> {
			checks.lock();
			keks.findPrimary().ifPresent(old -> old.retire(clock.instant()));
			keks.flush();
			var created = keks.save(newKek());
			audit.record(AuditEntry.success(actor, "key.rotate", null, created.id().toString(), null));
			return created.id();
		});
		primary = rotated;
		log.info("event=kek_rotated primary_kek={}", rotated);
		return rewrapping.run(rotated, size, actor);
	}

	/**
	 * Re-wraps data keys still wrapped by a retired KEK, e.g. after an interrupted
	 * rotation.
	 */
	public RotationResult rewrap(int batchSize) {
		var actor = access.requireSuperuser();
		refreshPrimary();
		return rewrapping.run(primary, checkBatch(batchSize), actor);
	}

	public List<KeyView> list() {
		access.requireSuperuser();
		var counts = rewrapping.counts();
		return keks.findAllByOrderByCreatedAt()
			.stream()
			.map(kek -> new KeyView(kek.id(), kek.status().name().toLowerCase(), kek.createdAt(), kek.retiredAt(),
					counts.getOrDefault(kek.id(), 0L)))
			.toList();
	}

	/** Deletes a retired KEK that wraps nothing any more. */
	public void remove(UUID id) {
		var actor = access.requireSuperuser();
		transactions.executeWithoutResult(status -> {
			var kek = keks.findById(id).orElseThrow(() -> new KeyNotFound(id));
			if (kek.status() == Kek.Status.PRIMARY) {
				throw new KeyInUse(id, "it is the primary key");
			}
			var wrapped = rewrapping.counts().getOrDefault(id, 0L);
			if (wrapped > 0) {
				throw new KeyInUse(id, "it still wraps " + wrapped + " data keys; re-wrap them first");
			}
			keks.delete(kek);
			audit.record(AuditEntry.success(actor, "key.remove", null, id.toString(), null));
		});
		unsealed.remove(id);
	}

	private void refreshPrimary() {
		primary = keks.findPrimary().orElseThrow().id();
	}

	private Kek newKek() {
		var id = UUID.randomUUID();
		var key = AesGcm.newKey();
		try {
			return new Kek(id, AesGcm.seal(master.wrappingKey(), key, Kek.associatedData(id)), clock.instant());
		}
		finally {
			Arrays.fill(key, (byte) 0);
		}
	}

	/** The unsealed KEK; unsealed once and kept in memory (there are only a few). */
	private byte[] kek(UUID id) {
		return unsealed.computeIfAbsent(id, missing -> {
			var kek = keks.findById(missing).orElseThrow(() -> new DecryptionFailed("unknown key " + missing));
			return AesGcm.open(master.wrappingKey(), kek.sealed(), Kek.associatedData(missing));
		});
	}

	private static String dekAssociatedData(UUID kekId, String context) {
		return "vaas/dek/v1/" + kekId + "/" + context;
	}

	private static int checkBatch(int batchSize) {
		if (batchSize < 1 || batchSize > MAX_BATCH) {
			throw new InvalidKeyRequest("batchSize must be between 1 and " + MAX_BATCH);
		}
		return batchSize;
	}

}
