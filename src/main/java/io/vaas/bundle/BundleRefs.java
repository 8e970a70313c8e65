package io.vaas.bundle;

import io.vaas.shared.NamespaceName;
import io.vaas.shared.ResourceName;

import org.springframework.stereotype.Service;

/** Bundles' identities, for the modules whose records belong to a bundle (seeds). */
@Service
public class BundleRefs {

	private final StoredBundles stored;

	BundleRefs(StoredBundles stored) {
		this.stored = stored;
	}

	/**
	 * The bundle's identity; fails with {@link BundleNotFound}. No permission check:
	 * callers make their own.
	 */
	public BundleRef ref(NamespaceName namespace, ResourceName name) {
		return stored.reading(() -> stored.find(namespace, name).ref());
	}

	/**
	 * The bundle's identity if it exists, without failing: safe inside a caller's
	 * transaction. No permission check.
	 */
	public java.util.Optional<BundleRef> find(NamespaceName namespace, ResourceName name) {
		return stored.reading(() -> stored.lookup(namespace, name).map(Bundle::ref));
	}

}
