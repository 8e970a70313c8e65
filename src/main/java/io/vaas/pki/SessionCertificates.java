package io.vaas.pki;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vaas.audit.AuditEntry;
import io.vaas.audit.AuditLog;
import io.vaas.audit.Outcome;
import io.vaas.bundle.output.MadeFiles;
import io.vaas.bundle.output.RenderedFile;
import io.vaas.bundle.output.SessionEntry;
import io.vaas.keys.DataKeyWrapper;
import io.vaas.shared.Actor;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A session's certificate files (SPEC §7.3): a fresh key pair and a leaf with the URI SAN
 * {@code spiffe://{trust-domain}/ns/{ns}/bundle/{b}} and the entry's DNS names, signed by
 * the namespace's intermediate; made at the session's first fetch, kept (its key sealed)
 * so every replica hands the session the same files, and made again after 2/3 of its
 * lifetime. A definition that changes makes a new one at once. A replica keeps the leaves
 * it read until their renewal; only the trust bundle is looked at again.
 */
@Service
public class SessionCertificates {

	/** How often a replica drops the leaves past their validity. */
	static final Duration SWEEP = Duration.ofMinutes(10);

	/**
	 * How long a leaf read stays in memory when its session stops looking (a session that
	 * waits looks again every {@link CertificateAuthority#REREAD}).
	 */
	static final Duration KEPT_UNUSED = CertificateAuthority.REREAD.multipliedBy(2);

	private final StoredCertificates store;

	private final CertificateAuthority authority;

	private final DataKeyWrapper wrapper;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final PkiProperties properties;

	private final AuditLog audit;

	private volatile Instant sweptAt = Instant.EPOCH;

	/**
	 * The leaves read or made here, by slot, until their renewal: only {@code ca.crt} may
	 * change before it, so looking again reads neither the database nor the sealed key
	 * (but the database near the renewal).
	 */
	private final Cache<String, Leaf> leaves = Caffeine.newBuilder()
		.expireAfterAccess(KEPT_UNUSED)
		.maximumSize(100_000)
		.build();

	/** A leaf's files as PEM, and when it is made again. */
	private record Leaf(UUID id, String certificate, String key, Instant renewAt) {

		@Override
		public String toString() {
			return "Leaf[until " + renewAt + "]";
		}

	}

	SessionCertificates(StoredCertificates store, CertificateAuthority authority, DataKeyWrapper wrapper,
			PlatformTransactionManager transactions, Clock clock, PkiProperties properties, AuditLog audit) {
		this.store = store;
		this.authority = authority;
		this.wrapper = wrapper;
		this.transactions = new TransactionTemplate(transactions);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
		this.properties = properties;
		this.audit = audit;
	}

	/**
	 * The session's files of one entry: {@code ca.crt}, {@code tls.crt} (leaf, then
	 * intermediate) and {@code tls.key} (PKCS#8), fresh until the leaf's renewal or,
	 * sooner, until a rotation's new root may be in {@code ca.crt}.
	 */
	public MadeFiles make(UUID session, String namespace, String bundle, SessionEntry entry) {
		var slot = "leaf:" + session + ":"
				+ RenderedFile.sha256((entry.key() + "\n" + entry.certificate()).getBytes(StandardCharsets.UTF_8));
		var now = clock.instant();
		var kept = leaves.getIfPresent(slot);
		var leaf = kept;
		// Near its renewal (within the clock skew another replica's clock may have), the
		// leaf is looked up again: that replica may have made the next one already.
		if (leaf == null || !now.isBefore(leaf.renewAt().minus(CertificateAuthority.SKEW))) {
			var stored = store.findBySlot(slot)
				.filter(found -> now.isBefore(found.renewAt()))
				.orElseGet(() -> issue(slot, session, namespace, bundle, entry));
			if (kept == null || !kept.id().equals(stored.id())) {
				var key = X509.privateKey(wrapper.unwrap(stored.privateKey(), StoredCertificate.context(stored.id())));
				leaf = new Leaf(stored.id(), stored.certificate(), X509.pkcs8Pem(key), stored.renewAt());
				leaves.put(slot, leaf);
			}
		}
		var files = List.of(file(entry, "ca.crt", authority.trustBundle()), file(entry, "tls.crt", leaf.certificate()),
				file(entry, "tls.key", leaf.key()));
		return new MadeFiles(files, CertificateAuthority.min(leaf.renewAt(), now.plus(CertificateAuthority.REREAD)));
	}

	private StoredCertificate issue(String slot, UUID session, String namespace, String bundle, SessionEntry entry) {
		var suffixes = authority.dnsSuffixes(namespace);
		for (var name : entry.certificate().dnsNames()) {
			var lower = name.toLowerCase(Locale.ROOT);
			if (suffixes.stream().noneMatch(suffix -> lower.equals(suffix) || lower.endsWith("." + suffix))) {
				var refused = new CertificateRefused("certificate for " + namespace + "/" + bundle + " " + entry.key()
						+ ": " + name + " is not a name namespace " + namespace + " may have (one of " + suffixes
						+ " or a name under one; vaas.pki.dns-suffixes)");
				audit.recordIndependently(new AuditEntry(new Actor(session.toString(), "agent"), "certificate.issue",
						namespace, bundle + "/" + entry.key(), null, Outcome.FAILED, refused.getMessage()));
				throw refused;
			}
		}
		var issuer = authority.intermediate(namespace);
		sweep();
		try {
			return transactions.execute(status -> {
				var now = clock.instant();
				var again = store.findBySlot(slot);
				if (again.isPresent() && now.isBefore(again.get().renewAt())) {
					return again.get();
				}
				// The replaced leaf's key is of no use any more: the agent has its files.
				again.ifPresent(old -> store.deleteLeaf(old.id()));
				store.flush();
				var spec = entry.certificate();
				var keys = X509.newKeyPair();
				var notAfter = CertificateAuthority.min(now.plus(spec.ttl()),
						issuer.certificate().getNotAfter().toInstant());
				var uri = "spiffe://" + properties.trustDomain() + "/ns/" + namespace + "/bundle/" + bundle;
				var certificate = X509.leaf(spec.commonName(), uri, spec.dnsNames(), keys.getPublic(),
						issuer.certificate(), issuer.key(), now.minus(CertificateAuthority.SKEW), notAfter);
				var id = UUID.randomUUID();
				var saved = store.saveAndFlush(new StoredCertificate(id, StoredCertificate.LEAF, slot, namespace,
						session, X509.pem(List.of(certificate, issuer.certificate())),
						wrapper.wrap(keys.getPrivate().getEncoded(), StoredCertificate.context(id)),
						certificate.getNotBefore().toInstant(), notAfter, now.plus(spec.renewAfter()), now));
				audit.record(new AuditEntry(new Actor(session.toString(), "agent"), "certificate.issue", namespace,
						bundle + "/" + entry.key(), null, Outcome.SUCCESS,
						"serial " + certificate.getSerialNumber().toString(16) + ", until " + notAfter));
				return saved;
			});
		}
		catch (DataIntegrityViolationException raced) {
			// The same session fetched through another replica at the same moment.
			return store.findBySlot(slot).orElseThrow(() -> raced);
		}
	}

	private void sweep() {
		var now = clock.instant();
		if (now.isBefore(sweptAt.plus(SWEEP))) {
			return;
		}
		sweptAt = now;
		transactions.executeWithoutResult(status -> store.deleteExpiredLeaves(now));
	}

	private static RenderedFile file(SessionEntry entry, String name, String text) {
		return entry.file(entry.path() + "/" + name, text.getBytes(StandardCharsets.UTF_8));
	}

}
