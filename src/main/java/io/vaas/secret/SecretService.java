package io.vaas.secret;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import io.vaas.audit.AuditEntry;
import io.vaas.audit.AuditLog;
import io.vaas.audit.Outcome;
import io.vaas.namespace.NamespaceService;
import io.vaas.operator.Access;
import io.vaas.operator.Permission;
import io.vaas.shared.Actor;
import io.vaas.shared.NamespaceChanged;
import io.vaas.shared.NamespaceName;
import io.vaas.shared.Precondition;
import io.vaas.shared.ResourceName;
import io.vaas.shared.Texts;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Secrets with immutable, encrypted versions. Writing needs {@code secret-writer},
 * reading a value back needs {@code secret-reader} and is always audited; metadata is
 * readable by any role. Every write creates a version (comparing with the latest would
 * mean decrypting it). Permission checks come before any transaction.
 */
@Service
public class SecretService {

	static final int MAX_COMMENT_LENGTH = 1000;

	private final Secrets secrets;

	private final SecretVersions versions;

	private final SecretCipher cipher;

	private final NamespaceService namespaces;

	private final Access access;

	private final AuditLog audit;

	private final TransactionTemplate transactions;

	private final TransactionTemplate readOnly;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SecretService(Secrets secrets, SecretVersions versions, SecretCipher cipher, NamespaceService namespaces,
			Access access, AuditLog audit, TransactionTemplate transactions, ApplicationEventPublisher events,
			Clock clock) {
		this.secrets = secrets;
		this.versions = versions;
		this.cipher = cipher;
		this.namespaces = namespaces;
		this.access = access;
		this.audit = audit;
		this.transactions = transactions;
		this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
		this.readOnly.setReadOnly(true);
		this.events = events;
		this.clock = clock;
	}

	/** What a write did: the new version, and whether it created the secret. */
	public record Written(long version, boolean createdSecret) {
	}

	/**
	 * Writes a version from a request's {@code value} or {@code valueBase64}, checked
	 * after the permission.
	 */
	public Written write(NamespaceName namespace, ResourceName name, @Nullable String text, @Nullable String base64,
			@Nullable String comment, Precondition precondition) {
		var actor = access.require(namespace, Permission.WRITE_SECRET);
		var value = SecretValue.parse(text, base64);
		Texts.check("comment", comment, MAX_COMMENT_LENGTH);
		namespaces.requireExists(namespace);
		try {
			return transactions.execute(status -> writeLocked(namespace, name, value, comment, precondition, actor));
		}
		catch (DataIntegrityViolationException raced) {
			// Two writers created the same secret at once; the loser retries against the
			// winner's row.
			return transactions.execute(status -> writeLocked(namespace, name, value, comment, precondition, actor));
		}
	}

	private Written writeLocked(NamespaceName namespace, ResourceName name, SecretValue value, @Nullable String comment,
			Precondition precondition, Actor actor) {
		var now = clock.instant();
		var existing = secrets.lockByNamespaceAndName(namespace.value(), name.value());
		precondition.check(existing.map(Secret::latestVersion).orElse(null));
		var secret = existing.orElseGet(() -> secrets.saveAndFlush(new Secret(namespace.value(), name.value(), now)));
		var version = secret.advance(now);
		var sealed = cipher.encrypt(value.bytes(), SecretVersion.context(namespace.value(), name.value(), version));
		versions.save(new SecretVersion(UUID.randomUUID(), secret.id(), version, value.encoding(), sealed, now,
				actor.name(), comment));
		audit.record(AuditEntry.success(actor, "secret.write", namespace.value(), name.value(), version));
		events.publishEvent(new NamespaceChanged(namespace.value()));
		return new Written(version, existing.isEmpty());
	}

	public SecretMetadata metadata(NamespaceName namespace, ResourceName name) {
		access.require(namespace, Permission.READ);
		return reading(() -> {
			var secret = find(namespace, name);
			return new SecretMetadata(secret.namespace(), secret.name(), secret.latestVersion(),
					versions.findByHeadIdOrderByNumber(secret.id()).stream().map(SecretVersion::info).toList());
		});
	}

	public List<SecretSummary> list(NamespaceName namespace) {
		access.require(namespace, Permission.READ);
		return reading(() -> {
			namespaces.requireExists(namespace);
			return secrets.findByNamespaceOrderByName(namespace.value())
				.stream()
				.map(s -> new SecretSummary(s.name(), s.latestVersion(), s.updatedAt()))
				.toList();
		});
	}

	/**
	 * Decrypts a version (the latest when {@code version} is null). The reveal is in the
	 * audit log before the value leaves this method; a refused reveal is audited too.
	 */
	public Revealed reveal(NamespaceName namespace, ResourceName name, @Nullable Long version) {
		var actor = access.require(namespace, Permission.REVEAL_SECRET);
		var target = reading(() -> {
			var secret = find(namespace, name);
			return versionOf(secret, name, version == null ? secret.latestVersion() : version);
		});
		var sealed = target.sealed();
		if (sealed == null) {
			audit.recordIndependently(new AuditEntry(actor, "secret.reveal", namespace.value(), name.value(),
					target.version(), Outcome.FAILED, "version destroyed"));
			throw new SecretVersionDestroyed(name, target.version());
		}
		var plaintext = cipher.decrypt(target.id(), sealed,
				SecretVersion.context(namespace.value(), name.value(), target.version()));
		// Recorded under the version's row lock, which destroy takes too: a version
		// destroyed while
		// it was being decrypted is not revealed.
		var stillThere = transactions.execute(status -> {
			var current = versions.lockById(target.id());
			if (current.isEmpty() || current.get().destroyed()) {
				return false;
			}
			audit.record(AuditEntry.success(actor, "secret.reveal", namespace.value(), name.value(), target.version()));
			return true;
		});
		if (!Boolean.TRUE.equals(stillThere)) {
			java.util.Arrays.fill(plaintext, (byte) 0);
			audit.recordIndependently(new AuditEntry(actor, "secret.reveal", namespace.value(), name.value(),
					target.version(), Outcome.FAILED, "version destroyed"));
			throw new SecretVersionDestroyed(name, target.version());
		}
		return new Revealed(target.version(), new SecretValue(plaintext, target.encoding()));
	}

	/**
	 * Deletes a version's wrapped data key: its value can never be decrypted again.
	 * Idempotent.
	 */
	public void destroy(NamespaceName namespace, ResourceName name, long version) {
		var actor = access.require(namespace, Permission.WRITE_SECRET);
		var destroyedId = transactions.execute(status -> {
			var secret = find(namespace, name);
			var target = versions.lockBySecretIdAndVersion(secret.id(), version)
				.orElseThrow(() -> new SecretVersionNotFound(name, version, secret.latestVersion()));
			if (!target.destroyed()) {
				target.destroy(clock.instant(), actor.name());
				audit.record(AuditEntry.success(actor, "secret.destroy", namespace.value(), name.value(), version));
				events.publishEvent(new NamespaceChanged(namespace.value()));
			}
			return target.id();
		});
		cipher.forget(destroyedId);
	}

	private <T> T reading(Supplier<T> work) {
		return readOnly.execute(status -> work.get());
	}

	private Secret find(NamespaceName namespace, ResourceName name) {
		namespaces.requireExists(namespace);
		return secrets.findByNamespaceAndName(namespace.value(), name.value())
			.orElseThrow(() -> new SecretNotFound(namespace, name));
	}

	private SecretVersion versionOf(Secret secret, ResourceName name, long version) {
		return versions.findByHeadIdAndNumber(secret.id(), version)
			.orElseThrow(() -> new SecretVersionNotFound(name, version, secret.latestVersion()));
	}

}
