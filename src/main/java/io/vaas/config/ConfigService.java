package io.vaas.config;

import java.time.Clock;
import java.util.List;

import io.vaas.audit.AuditEntry;
import io.vaas.audit.AuditLog;
import io.vaas.namespace.NamespaceService;
import io.vaas.operator.Access;
import io.vaas.operator.Permission;
import io.vaas.shared.Actor;
import io.vaas.shared.NamespaceChanged;
import io.vaas.shared.NamespaceName;
import io.vaas.shared.Precondition;
import io.vaas.shared.ResourceName;
import io.vaas.shared.Texts;
import tools.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Versioned configs. Writers to one config take turns on a row lock, so every version
 * number has exactly one writer and a precondition is checked against the version it will
 * follow. Content identical to the latest version creates no version.
 */
@Service
public class ConfigService {

	static final int MAX_COMMENT_LENGTH = 1000;

	private final Configs configs;

	private final ConfigVersions versions;

	private final NamespaceService namespaces;

	private final Access access;

	private final TransactionTemplate transactions;

	private final TransactionTemplate readOnly;

	private final JsonMapper json;

	private final ConfigDiffer differ;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ConfigService(Configs configs, ConfigVersions versions, NamespaceService namespaces, Access access,
			TransactionTemplate transactions, JsonMapper json, AuditLog audit, ApplicationEventPublisher events,
			Clock clock) {
		this.audit = audit;
		this.configs = configs;
		this.versions = versions;
		this.namespaces = namespaces;
		this.access = access;
		this.transactions = transactions;
		this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
		this.readOnly.setReadOnly(true);
		this.json = json;
		this.differ = new ConfigDiffer(json);
		this.events = events;
		this.clock = clock;
	}

	/** Writes a new version unless the content equals the latest one. */
	public WriteOutcome write(NamespaceName namespace, ResourceName name, @Nullable JsonNode requested,
			@Nullable String comment, Precondition precondition) {
		var actor = access.require(namespace, Permission.WRITE_CONFIG);
		var data = ConfigData.of(requested);
		checkComment(comment);
		namespaces.requireExists(namespace);
		var content = json.writeValueAsBytes(data.json());
		try {
			return transactions.execute(status -> writeLocked("config.write", namespace, name, content, data.json(),
					comment, precondition, actor));
		}
		catch (DataIntegrityViolationException raced) {
			// Two writers created the same config at once; the loser retries against the
			// winner's row.
			return transactions.execute(status -> writeLocked("config.write", namespace, name, content, data.json(),
					comment, precondition, actor));
		}
	}

	/** Writes the content of an old version as a new version. */
	public WriteOutcome rollback(NamespaceName namespace, ResourceName name, @Nullable Long toVersion,
			@Nullable String comment, Precondition precondition) {
		var actor = access.require(namespace, Permission.WRITE_CONFIG);
		if (toVersion == null) {
			throw new InvalidConfig("version is required: the version whose content to restore");
		}
		checkComment(comment);
		var why = comment != null ? comment : "Rollback to version " + toVersion;
		return transactions.execute(status -> {
			var config = configs.lockByNamespaceAndName(namespace.value(), name.value())
				.orElseThrow(() -> new ConfigNotFound(namespace, name));
			var old = versionOf(config, name, toVersion);
			return writeLocked("config.rollback", namespace, name, old.data(), read(old.data()), why, precondition,
					actor);
		});
	}

	private WriteOutcome writeLocked(String action, NamespaceName namespace, ResourceName name, byte[] content,
			ObjectNode data, @Nullable String comment, Precondition precondition, Actor actor) {
		var now = clock.instant();
		var existing = configs.lockByNamespaceAndName(namespace.value(), name.value());
		if (existing.isEmpty()) {
			precondition.check(null);
			var created = new Config(namespace.value(), name.value(), now);
			var first = created.advance(now);
			var config = configs.saveAndFlush(created);
			versions.save(new ConfigVersion(config.id(), first, content, actor.name(), now, comment));
			audit.record(AuditEntry.success(actor, action, namespace.value(), name.value(), 1L));
			events.publishEvent(new NamespaceChanged(namespace.value()));
			return new WriteOutcome(1, true, true);
		}
		var config = existing.get();
		precondition.check(config.latestVersion());
		var latest = versionOf(config, name, config.latestVersion());
		if (read(latest.data()).equals(data)) {
			return new WriteOutcome(config.latestVersion(), false, false);
		}
		var next = config.advance(now);
		versions.save(new ConfigVersion(config.id(), next, content, actor.name(), now, comment));
		audit.record(AuditEntry.success(actor, action, namespace.value(), name.value(), next));
		events.publishEvent(new NamespaceChanged(namespace.value()));
		return new WriteOutcome(next, true, false);
	}

	public ConfigSnapshot latest(NamespaceName namespace, ResourceName name) {
		access.require(namespace, Permission.READ);
		return reading(() -> {
			var config = find(namespace, name);
			return snapshot(config, versionOf(config, name, config.latestVersion()));
		});
	}

	public ConfigSnapshot version(NamespaceName namespace, ResourceName name, long version) {
		access.require(namespace, Permission.READ);
		return reading(() -> {
			var config = find(namespace, name);
			return snapshot(config, versionOf(config, name, version));
		});
	}

	public List<VersionInfo> history(NamespaceName namespace, ResourceName name) {
		access.require(namespace, Permission.READ);
		return reading(() -> versions.findByHeadIdOrderByNumber(find(namespace, name).id())
			.stream()
			.map(v -> new VersionInfo(v.version(), v.author(), v.createdAt(), v.comment()))
			.toList());
	}

	public List<ConfigSummary> list(NamespaceName namespace) {
		access.require(namespace, Permission.READ);
		return reading(() -> {
			namespaces.requireExists(namespace);
			return configs.findByNamespaceOrderByName(namespace.value())
				.stream()
				.map(c -> new ConfigSummary(c.name(), c.latestVersion(), c.updatedAt()))
				.toList();
		});
	}

	public ConfigDiff diff(NamespaceName namespace, ResourceName name, long from, long to) {
		access.require(namespace, Permission.READ);
		return reading(() -> {
			var config = find(namespace, name);
			var result = differ.diff(read(versionOf(config, name, from).data()),
					read(versionOf(config, name, to).data()));
			return new ConfigDiff(namespace.value(), name.value(), from, to, result.changes(), result.patch());
		});
	}

	/**
	 * Permission checks come before any transaction, so a refusal is audited without
	 * holding a connection.
	 */
	private <T> T reading(java.util.function.Supplier<T> work) {
		return readOnly.execute(status -> work.get());
	}

	private Config find(NamespaceName namespace, ResourceName name) {
		namespaces.requireExists(namespace);
		return configs.findByNamespaceAndName(namespace.value(), name.value())
			.orElseThrow(() -> new ConfigNotFound(namespace, name));
	}

	private ConfigVersion versionOf(Config config, ResourceName name, long version) {
		return versions.findByHeadIdAndNumber(config.id(), version)
			.orElseThrow(() -> new ConfigVersionNotFound(name, version, config.latestVersion()));
	}

	private ConfigSnapshot snapshot(Config config, ConfigVersion version) {
		return new ConfigSnapshot(config.namespace(), config.name(), version.version(), config.latestVersion(),
				read(version.data()), version.author(), version.createdAt(), version.comment());
	}

	private ObjectNode read(byte[] content) {
		return (ObjectNode) json.readTree(content);
	}

	private static void checkComment(@Nullable String comment) {
		Texts.check("comment", comment, MAX_COMMENT_LENGTH);
	}

}
