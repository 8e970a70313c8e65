package io.vaas.bundle;

import java.time.Clock;

import io.vaas.audit.AuditEntry;
import io.vaas.audit.AuditLog;
import io.vaas.audit.Outcome;
import io.vaas.shared.Actor;
import io.vaas.shared.NamespaceName;
import io.vaas.shared.ResourceName;

import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records on the bundle (and in the audit log) that it no longer renders for delivery,
 * and clears that once it renders again. A later change to a config or secret can break a
 * bundle that rendered when it was saved; agents then keep the last good rendering. Part
 * of the named interface {@code bundle :: rendering}.
 */
@Service
@NamedInterface(name = "rendering", propagate = false)
public class RenderFailures {

	/** The actor of events the server records on its own. */
	static final Actor SERVER = new Actor("-", "server");

	private final Bundles bundles;

	private final AuditLog audit;

	private final TransactionTemplate transactions;

	private final Clock clock;

	RenderFailures(Bundles bundles, AuditLog audit, TransactionTemplate transactions, Clock clock) {
		this.bundles = bundles;
		this.audit = audit;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** Records the failure, and audits it when it is new. */
	public void failed(NamespaceName namespace, ResourceName name, RevisionRenderFailed failure) {
		transactions.executeWithoutResult(status -> {
			var revision = failure.revision();
			var recorded = bundles.renderFailed(namespace.value(), name.value(), failure.getMessage(), revision,
					clock.instant());
			if (recorded > 0) {
				audit.record(new AuditEntry(SERVER, "bundle.render", namespace.value(), name.value(), revision,
						Outcome.FAILED, failure.getMessage()));
			}
		});
	}

	/** Clears a recorded failure, if there is one. */
	public void rendered(NamespaceName namespace, ResourceName name, long revision) {
		transactions.executeWithoutResult(status -> {
			if (bundles.rendered(namespace.value(), name.value()) > 0) {
				audit.record(AuditEntry.success(SERVER, "bundle.render", namespace.value(), name.value(), revision));
			}
		});
	}

}
