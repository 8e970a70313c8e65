package io.vaas.trust;

import java.time.Clock;
import java.util.List;

import io.vaas.audit.AuditEntry;
import io.vaas.audit.AuditLog;
import io.vaas.bundle.BundleRef;
import io.vaas.bundle.BundleRefs;
import io.vaas.operator.Access;
import io.vaas.operator.Permission;
import io.vaas.session.SessionService;
import io.vaas.shared.Actor;
import io.vaas.shared.NamespaceName;
import io.vaas.shared.ResourceName;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts, reads and deletes a bundle's trusts. Changing one is managing who may get a
 * session, like issuing seeds ({@code manage-seeds}); reading needs {@code read}. Every
 * change is audited; a body that breaks a rule changes nothing.
 */
@Service
public class TrustService {

	private final Trusts trusts;

	private final BundleRefs bundles;

	private final Access access;

	private final AuditLog audit;

	private final JsonMapper json;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final SessionService sessions;

	TrustService(Trusts trusts, BundleRefs bundles, Access access, AuditLog audit, JsonMapper json,
			TransactionTemplate transactions, Clock clock, SessionService sessions) {
		this.sessions = sessions;
		this.trusts = trusts;
		this.bundles = bundles;
		this.access = access;
		this.audit = audit;
		this.json = json;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** What a put did: the trust as stored, and whether it is new. */
	public record Put(TrustView trust, boolean created) {
	}

	/**
	 * Creates or replaces the trust.
	 * @throws InvalidTrust naming the field when the body breaks a rule
	 */
	public Put put(NamespaceName namespace, ResourceName bundleName, ResourceName name, TrustRequest body) {
		var actor = access.require(namespace, Permission.MANAGE_SEEDS);
		var definition = TrustRules.check(body);
		var bytes = json.writeValueAsBytes(definition);
		var bundle = bundles.ref(namespace, bundleName);
		try {
			return write(namespace, bundle, name, bytes, definition, actor);
		}
		catch (DataIntegrityViolationException ex) {
			// Another put created it meanwhile: this one replaces it.
			return write(namespace, bundle, name, bytes, definition, actor);
		}
	}

	private Put write(NamespaceName namespace, BundleRef bundle, ResourceName name, byte[] bytes,
			TrustDefinition definition, Actor actor) {
		return transactions.execute(status -> {
			var now = clock.instant();
			var existing = trusts.findByBundleIdAndName(bundle.id(), name.value());
			Trust trust;
			if (existing.isPresent()) {
				trust = existing.get();
				trust.replace(bytes, now, actor.name());
			}
			else {
				trust = trusts.saveAndFlush(new Trust(namespace.value(), bundle.id(), bundle.name(), name.value(),
						bytes, now, actor.name()));
			}
			audit.record(AuditEntry.success(actor, existing.isPresent() ? "trust.replace" : "trust.create",
					namespace.value(), bundle.name() + "/" + name.value(), null));
			return new Put(TrustView.of(trust, definition), existing.isEmpty());
		});
	}

	public TrustView get(NamespaceName namespace, ResourceName bundleName, ResourceName name) {
		access.require(namespace, Permission.READ);
		var bundle = bundles.ref(namespace, bundleName);
		return transactions.execute(status -> trusts.findByBundleIdAndName(bundle.id(), name.value())
			.map(this::view)
			.orElseThrow(() -> new TrustNotFound(bundle.name(), name.value())));
	}

	public List<TrustView> list(NamespaceName namespace, ResourceName bundleName) {
		access.require(namespace, Permission.READ);
		var bundle = bundles.ref(namespace, bundleName);
		return transactions
			.execute(status -> trusts.findByBundleIdOrderByName(bundle.id()).stream().map(this::view).toList());
	}

	/**
	 * Deletes the trust: its tokens are refused from then on, and the sessions it let in
	 * are revoked.
	 */
	public void delete(NamespaceName namespace, ResourceName bundleName, ResourceName name) {
		var actor = access.require(namespace, Permission.MANAGE_SEEDS);
		var bundle = bundles.ref(namespace, bundleName);
		transactions.executeWithoutResult(status -> {
			var trust = trusts.findByBundleIdAndName(bundle.id(), name.value())
				.orElseThrow(() -> new TrustNotFound(bundle.name(), name.value()));
			trusts.delete(trust);
			var revoked = sessions.revokeTrusted(namespace.value(), bundle.name(), name.value());
			audit.record(new AuditEntry(actor, "trust.delete", namespace.value(), bundle.name() + "/" + name.value(),
					null, io.vaas.audit.Outcome.SUCCESS, "revoked " + revoked + " session(s) it let in"));
		});
	}

	private TrustView view(Trust trust) {
		return TrustView.of(trust, json.readValue(trust.definition(), TrustDefinition.class));
	}

}
