package io.vaas.namespace;

import java.time.Clock;
import java.util.List;

import io.vaas.audit.AuditEntry;
import io.vaas.audit.AuditLog;
import io.vaas.operator.Access;
import io.vaas.operator.Permission;
import io.vaas.shared.NamespaceName;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Creates and finds namespaces; the API other modules use to check that one exists. */
@Service
public class NamespaceService {

	private final Namespaces namespaces;

	private final Access access;

	private final TransactionTemplate transactions;

	private final AuditLog audit;

	private final Clock clock;

	NamespaceService(Namespaces namespaces, Access access, TransactionTemplate transactions, AuditLog audit,
			Clock clock) {
		this.audit = audit;
		this.namespaces = namespaces;
		this.access = access;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** The outcome of an idempotent create. */
	public record Ensured(NamespaceView namespace, boolean created) {
	}

	/**
	 * Creates the namespace unless it exists; concurrent creators all succeed, one
	 * creates it.
	 */
	public Ensured ensure(NamespaceName name) {
		var actor = access.require(name, Permission.ADMIN);
		var existing = namespaces.findById(name.value());
		if (existing.isPresent()) {
			return new Ensured(existing.get().view(), false);
		}
		try {
			var created = transactions.execute(status -> {
				var saved = namespaces.saveAndFlush(new Namespace(name.value(), clock.instant(), actor.name()));
				audit.record(AuditEntry.success(actor, "namespace.create", name.value(), null, null));
				return saved;
			});
			return new Ensured(created.view(), true);
		}
		catch (DataIntegrityViolationException raced) {
			return new Ensured(namespaces.findById(name.value()).orElseThrow(() -> raced).view(), false);
		}
	}

	public NamespaceView get(NamespaceName name) {
		access.require(name, Permission.READ);
		return namespaces.findById(name.value()).map(Namespace::view).orElseThrow(() -> new NamespaceNotFound(name));
	}

	/** The namespaces the caller may read. */
	@Transactional(readOnly = true)
	public List<NamespaceView> visible() {
		var caller = access.current();
		return namespaces.findAllByOrderByName()
			.stream()
			.map(Namespace::view)
			.filter(view -> caller.canSee(NamespaceName.of(view.name())))
			.toList();
	}

	/** Fails with {@link NamespaceNotFound} unless the namespace exists. */
	@Transactional(readOnly = true)
	public void requireExists(NamespaceName name) {
		if (!namespaces.existsById(name.value())) {
			throw new NamespaceNotFound(name);
		}
	}

}
