package io.vaas.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vaas.audit.AuditEntry;
import io.vaas.audit.AuditLog;
import io.vaas.keys.DataKeyWrapper;
import io.vaas.namespace.NamespaceService;
import io.vaas.operator.Access;
import io.vaas.operator.Permission;
import io.vaas.shared.NamespaceName;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The server's certificate authority (SPEC §7.3): a root made at first use, an
 * intermediate per namespace under it (made again after 2/3 of its lifetime), the trust
 * bundle (the current root and those replaced less than {@code rotation-overlap} ago),
 * and rotation, after which new intermediates and leaves chain to a new root while the
 * old one stays trusted. Private keys are sealed by the KEK; two replicas never make two
 * current ones (the slot is unique).
 */
@Service
public class CertificateAuthority {

	private static final Logger log = LoggerFactory.getLogger(CertificateAuthority.class);

	/**
	 * How long a replica uses what it read before it looks again (a rotation elsewhere).
	 */
	static final Duration REREAD = Duration.ofSeconds(30);

	/** A CA that signs: its certificate and key. */
	record Issuer(UUID id, X509Certificate certificate, PrivateKey key, Instant renewAt) {

		@Override
		public String toString() {
			return "Issuer[" + id + "]";
		}

	}

	private final StoredCertificates store;

	private final DataKeyWrapper wrapper;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final PkiProperties properties;

	private final Access access;

	private final NamespaceService namespaces;

	private final AuditLog audit;

	private final Cache<String, Object> current = Caffeine.newBuilder().expireAfterWrite(REREAD).build();

	CertificateAuthority(StoredCertificates store, DataKeyWrapper wrapper, PlatformTransactionManager transactions,
			Clock clock, PkiProperties properties, Access access, NamespaceService namespaces, AuditLog audit) {
		this.store = store;
		this.wrapper = wrapper;
		this.transactions = new TransactionTemplate(transactions);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
		this.properties = properties;
		this.access = access;
		this.namespaces = namespaces;
		this.audit = audit;
	}

	/**
	 * The root certificates that verify this namespace's leaves, as PEM; for any role in
	 * the namespace.
	 */
	public String trustBundle(NamespaceName namespace) {
		access.require(namespace, Permission.READ);
		namespaces.requireExists(namespace);
		return trustBundle();
	}

	/** The trusted roots as PEM, made at first use. */
	String trustBundle() {
		root();
		return cached("trust",
				() -> store.trustedRoots(clock.instant())
					.stream()
					.map(StoredCertificate::certificate)
					.reduce("", String::concat));
	}

	/**
	 * Makes a new root current; the old one stays in the trust bundles for
	 * {@code rotation-overlap}, and every namespace gets a new intermediate at its next
	 * leaf. For an admin on {@code *}.
	 */
	public Rotated rotate() {
		var actor = access.requireSuperuser();
		var rotated = transactions.execute(status -> {
			var now = clock.instant();
			var trustedUntil = now.plus(properties.rotationOverlap());
			store.findBySlot(StoredCertificate.ROOT).ifPresent(old -> old.replaced(trustedUntil));
			store.currentIntermediates().forEach(intermediate -> intermediate.replaced(null));
			store.flush();
			var root = newRoot(now);
			audit.record(AuditEntry.success(actor, "ca.rotate", null, root.id().toString(), null));
			return new Rotated(root.id(), store.trustedRoots(now).size(), trustedUntil);
		});
		current.invalidateAll();
		log.info("event=ca_rotated root={}", rotated.root());
		return rotated;
	}

	/**
	 * @param root the new current root
	 * @param trusted how many roots the trust bundle holds now
	 * @param previousTrustedUntil until when the replaced root stays in it
	 */
	public record Rotated(UUID root, int trusted, Instant previousTrustedUntil) {
	}

	/** The namespace's current intermediate, made (under the current root) when due. */
	Issuer intermediate(String namespace) {
		var slot = "ns:" + namespace;
		var cached = current.getIfPresent(slot);
		if (cached != null) {
			return (Issuer) cached;
		}
		var root = root();
		return cached(slot,
				() -> issuer(slot, StoredCertificate.INTERMEDIATE, () -> newIntermediate(namespace, slot, root)));
	}

	private Issuer root() {
		return cached(StoredCertificate.ROOT,
				() -> issuer(StoredCertificate.ROOT, StoredCertificate.ROOT, () -> newRoot(clock.instant())));
	}

	/**
	 * What this replica read or made a moment ago, else {@code read} (not inside the
	 * cache's own computation: one read may need another).
	 */
	@SuppressWarnings("unchecked")
	private <T> T cached(String key, Supplier<T> read) {
		var cached = current.getIfPresent(key);
		if (cached != null) {
			return (T) cached;
		}
		var value = read.get();
		current.put(key, value);
		return value;
	}

	/** The slot's current certificate, or a new one when there is none or it is due. */
	private Issuer issuer(String slot, String kind, Supplier<StoredCertificate> make) {
		var found = store.findBySlot(slot);
		if (found.isPresent() && clock.instant().isBefore(found.get().renewAt())) {
			return open(found.get());
		}
		try {
			return open(transactions.execute(status -> {
				var again = store.findBySlot(slot);
				if (again.isPresent() && clock.instant().isBefore(again.get().renewAt())) {
					return again.get();
				}
				again.ifPresent(old -> old.replaced(kind.equals(StoredCertificate.ROOT)
						? clock.instant().plus(properties.rotationOverlap()) : null));
				store.flush();
				return make.get();
			}));
		}
		catch (DataIntegrityViolationException raced) {
			// Another replica made it at the same moment: its one is current.
			return open(store.findBySlot(slot).orElseThrow(() -> raced));
		}
	}

	private StoredCertificate newRoot(Instant now) {
		var keys = X509.newKeyPair();
		var notAfter = now.plus(properties.rootLifetime());
		var certificate = X509.root("vaas root CA " + now.toString().substring(0, 10), keys, now.minus(SKEW), notAfter);
		return save(StoredCertificate.ROOT, StoredCertificate.ROOT, null, certificate, keys.getPrivate(), now,
				now.plus(properties.rootLifetime().multipliedBy(2).dividedBy(3)));
	}

	private StoredCertificate newIntermediate(String namespace, String slot, Issuer cachedRoot) {
		// The root as the database has it now: a rotation on another replica counts.
		var root = store.findBySlot(StoredCertificate.ROOT).map(this::open).orElse(cachedRoot);
		var now = clock.instant();
		var keys = X509.newKeyPair();
		var notAfter = min(now.plus(properties.intermediateLifetime()), root.certificate().getNotAfter().toInstant());
		var certificate = X509.intermediate("vaas " + namespace + " intermediate CA", keys.getPublic(),
				dnsSuffixes(namespace), root.certificate(), root.key(), now.minus(SKEW), notAfter);
		var renewAt = min(now.plus(properties.intermediateLifetime().multipliedBy(2).dividedBy(3)), root.renewAt());
		return save(StoredCertificate.INTERMEDIATE, slot, namespace, certificate, keys.getPrivate(), now, renewAt);
	}

	/** How far back a certificate's validity starts: clocks drift. */
	static final Duration SKEW = Duration.ofMinutes(5);

	private StoredCertificate save(String kind, String slot, @Nullable String namespace, X509Certificate certificate,
			PrivateKey key, Instant now, Instant renewAt) {
		var id = UUID.randomUUID();
		var sealed = wrapper.wrap(key.getEncoded(), StoredCertificate.context(id));
		return store.saveAndFlush(new StoredCertificate(id, kind, slot, namespace, null, X509.pem(List.of(certificate)),
				sealed, certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), renewAt, now));
	}

	private Issuer open(StoredCertificate stored) {
		var key = X509.privateKey(wrapper.unwrap(stored.privateKey(), StoredCertificate.context(stored.id())));
		return new Issuer(stored.id(), X509.certificate(stored.certificate()), key, stored.renewAt());
	}

	/** The DNS names a namespace's certificates may have: these and names under them. */
	List<String> dnsSuffixes(String namespace) {
		return properties.dnsSuffixes().stream().map(suffix -> suffix.replace("{ns}", namespace)).toList();
	}

	static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

}
