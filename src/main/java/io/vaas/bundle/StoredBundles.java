package io.vaas.bundle;

import java.util.List;
import java.util.function.Supplier;

import io.vaas.bundle.render.FileEntries;
import io.vaas.bundle.render.FileEntry;
import io.vaas.namespace.NamespaceService;
import io.vaas.shared.NamespaceName;
import io.vaas.shared.ResourceName;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stored bundles and revisions as the bundle services read them: look-ups that fail with
 * the not-found exceptions the API maps, a revision's file entries, and the read-only and
 * snapshot transactions the reads run in.
 */
@Component
class StoredBundles {

	private final Bundles bundles;

	private final BundleRevisions revisions;

	private final NamespaceService namespaces;

	private final JsonMapper json;

	private final TransactionTemplate readOnly;

	/** Reads that see one committed state, whatever commits while they run. */
	private final TransactionTemplate snapshot;

	StoredBundles(Bundles bundles, BundleRevisions revisions, NamespaceService namespaces, JsonMapper json,
			TransactionTemplate transactions) {
		this.bundles = bundles;
		this.revisions = revisions;
		this.namespaces = namespaces;
		this.json = json;
		this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
		this.readOnly.setReadOnly(true);
		this.snapshot = new TransactionTemplate(transactions.getTransactionManager());
		this.snapshot.setReadOnly(true);
		this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
	}

	<T> T reading(Supplier<T> work) {
		return readOnly.execute(status -> work.get());
	}

	<T> T inSnapshot(Supplier<T> work) {
		return snapshot.execute(status -> work.get());
	}

	/**
	 * The bundle; fails with {@code NamespaceNotFound} or {@link BundleNotFound}.
	 */
	Bundle find(NamespaceName namespace, ResourceName name) {
		namespaces.requireExists(namespace);
		return bundles.findByNamespaceAndName(namespace.value(), name.value())
			.orElseThrow(() -> new BundleNotFound(namespace, name));
	}

	/**
	 * The bundle, if there is one: no exception (which would doom a caller's
	 * transaction).
	 */
	java.util.Optional<Bundle> lookup(NamespaceName namespace, ResourceName name) {
		return bundles.findByNamespaceAndName(namespace.value(), name.value());
	}

	/**
	 * Up to {@code limit} bundles of the namespace named after {@code after}, by name.
	 */
	List<Bundle> page(NamespaceName namespace, String after, int limit) {
		namespaces.requireExists(namespace);
		return bundles.findByNamespaceAndNameGreaterThanOrderByName(namespace.value(), after,
				org.springframework.data.domain.Limit.of(limit));
	}

	BundleRevision latest(Bundle bundle) {
		return revisions.findByHeadIdAndNumber(bundle.id(), bundle.latestRevision()).orElseThrow();
	}

	/** The revision; fails with {@link BundleRevisionNotFound}. */
	BundleRevision revision(Bundle bundle, ResourceName name, long revision) {
		return revisions.findByHeadIdAndNumber(bundle.id(), revision)
			.orElseThrow(() -> new BundleRevisionNotFound(name, revision, bundle.latestRevision()));
	}

	/** Every revision, oldest first. */
	List<BundleRevision> history(Bundle bundle) {
		return revisions.findByHeadIdOrderByNumber(bundle.id());
	}

	JsonNode files(BundleRevision revision) {
		return json.readTree(revision.files());
	}

	List<FileEntry> entries(BundleRevision revision) {
		return FileEntries.parse(files(revision));
	}

}
