package io.vaas.bundle;

import java.time.Instant;
import java.util.List;

import io.vaas.operator.Access;
import io.vaas.operator.Permission;
import io.vaas.shared.NamespaceName;
import io.vaas.shared.ResourceName;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * The saved revisions of a bundle, as stored (file entries, not rendered files), for
 * operators with any role in the namespace.
 */
@Service
public class BundleHistory {

	private final StoredBundles stored;

	private final Access access;

	BundleHistory(StoredBundles stored, Access access) {
		this.stored = stored;
		this.access = access;
	}

	/**
	 * The namespace's bundles by name, {@code limit} at a time, after the name given
	 * (none: from the first); {@code next} is the name to ask after for the following
	 * page, none on the last. Each page is one index range, however many bundles there
	 * are.
	 */
	public BundleList list(NamespaceName namespace, @Nullable ResourceName after, int limit) {
		access.require(namespace, Permission.READ);
		var found = stored.reading(() -> stored.page(namespace, after == null ? "" : after.value(), limit + 1));
		var more = found.size() > limit;
		var page = (more ? found.subList(0, limit) : found).stream()
			.map(bundle -> new BundleSummary(bundle.name(), bundle.latestRevision(), bundle.updatedAt(),
					bundle.renderFailure()))
			.toList();
		return new BundleList(page, more ? page.getLast().name() : null);
	}

	/** A page of bundles, and the name to ask after for the next page. */
	public record BundleList(List<BundleSummary> bundles, @Nullable String next) {
	}

	/**
	 * A bundle in a list.
	 *
	 * @param name its name
	 * @param latestRevision its latest revision's number
	 * @param updatedAt when that revision was saved
	 * @param renderFailure why its latest revision could not be rendered for delivery, if
	 * it could not
	 */
	public record BundleSummary(String name, long latestRevision, Instant updatedAt,
			@Nullable RenderFailure renderFailure) {
	}

	public BundleView latest(NamespaceName namespace, ResourceName name) {
		access.require(namespace, Permission.READ);
		return stored.reading(() -> {
			var bundle = stored.find(namespace, name);
			return view(bundle, stored.latest(bundle));
		});
	}

	public BundleView revision(NamespaceName namespace, ResourceName name, long revision) {
		access.require(namespace, Permission.READ);
		return stored.reading(() -> {
			var bundle = stored.find(namespace, name);
			return view(bundle, stored.revision(bundle, name, revision));
		});
	}

	/** Every revision, oldest first, without its files. */
	public List<RevisionInfo> revisions(NamespaceName namespace, ResourceName name) {
		access.require(namespace, Permission.READ);
		return stored.reading(() -> stored.history(stored.find(namespace, name))
			.stream()
			.map(r -> new RevisionInfo(r.revision(), r.author(), r.createdAt(), r.comment(), r.digest()))
			.toList());
	}

	/**
	 * A revision in a bundle's history.
	 *
	 * @param revision its number
	 * @param author who saved it
	 * @param createdAt when
	 * @param comment why, if they said
	 * @param digest its files' digest, every area rendered, when it was saved (none for
	 * revisions saved before digests were kept); an agent with every area that shows it
	 * runs this revision
	 */
	public record RevisionInfo(long revision, String author, Instant createdAt, @Nullable String comment,
			@Nullable String digest) {
	}

	private BundleView view(Bundle bundle, BundleRevision revision) {
		return new BundleView(bundle.namespace(), bundle.name(), revision.revision(), bundle.latestRevision(),
				stored.files(revision), revision.author(), revision.createdAt(), revision.comment(),
				bundle.renderFailure());
	}

}
