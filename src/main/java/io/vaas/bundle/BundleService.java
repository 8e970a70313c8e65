package io.vaas.bundle;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import io.vaas.audit.AuditEntry;
import io.vaas.audit.AuditLog;
import io.vaas.bundle.render.BundleRenderFailed;
import io.vaas.bundle.render.FileEntries;
import io.vaas.bundle.render.FileEntry;
import io.vaas.bundle.render.RenderRuleBroken;
import io.vaas.bundle.output.Area;
import io.vaas.bundle.output.RenderedBundle;
import io.vaas.bundle.render.Renderer;
import io.vaas.config.ConfigContent;
import io.vaas.secret.SecretPlaintext;
import io.vaas.namespace.NamespaceService;
import io.vaas.operator.Access;
import io.vaas.operator.Permission;
import io.vaas.shared.NamespaceChanged;
import io.vaas.shared.NamespaceName;
import io.vaas.shared.ResourceName;
import io.vaas.shared.Texts;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bundle revisions. For now a revision is a validated list of file entries stored as
 * given; rendering and reference checks belong to the bundles feature (SPEC §2) and are
 * not here yet.
 */
@Service
public class BundleService {

	static final int MAX_FILES = 256;

	private final Bundles bundles;

	private final BundleRevisions revisions;

	private final NamespaceService namespaces;

	private final Access access;

	private final AuditLog audit;

	private final TransactionTemplate transactions;

	private final TransactionTemplate readOnly;

	/** Reads that see one committed state, whatever commits while they run. */
	private final TransactionTemplate snapshot;

	private final JsonMapper json;

	private final ConfigContent configs;

	private final SecretPlaintext secrets;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final BundleProperties properties;

	BundleService(Bundles bundles, BundleRevisions revisions, NamespaceService namespaces, Access access,
			AuditLog audit, TransactionTemplate transactions, JsonMapper json, ConfigContent configs,
			SecretPlaintext secrets, ApplicationEventPublisher events, Clock clock, BundleProperties properties) {
		this.properties = properties;
		this.configs = configs;
		this.secrets = secrets;
		this.bundles = bundles;
		this.revisions = revisions;
		this.namespaces = namespaces;
		this.access = access;
		this.audit = audit;
		this.transactions = transactions;
		this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
		this.readOnly.setReadOnly(true);
		this.snapshot = new TransactionTemplate(transactions.getTransactionManager());
		this.snapshot.setReadOnly(true);
		this.snapshot
			.setIsolationLevel(org.springframework.transaction.TransactionDefinition.ISOLATION_REPEATABLE_READ);
		this.json = json;
		this.events = events;
		this.clock = clock;
	}

	/** What a save did. */
	public record Saved(long revision, boolean changed, boolean createdBundle) {
	}

	public Saved save(NamespaceName namespace, ResourceName name, @Nullable JsonNode files, @Nullable String comment) {
		var actor = access.require(namespace, Permission.WRITE_BUNDLE);
		namespaces.requireExists(namespace);
		if (files == null) {
			throw new InvalidBundle("files is required: an array of file entries");
		}
		Texts.checkTree("files", files);
		List<FileEntry> parsed;
		try {
			parsed = FileEntries.parse(files);
		}
		catch (RenderRuleBroken ex) {
			throw new InvalidBundle(ex.getMessage());
		}
		// Saving validates by rendering every file (SPEC §2): a 422 names the file and
		// the reference.
		Renderer.render(parsed, EnumSet.allOf(Area.class), new BundleSources(namespace, configs, secrets),
				properties.renderTimeout());
		var entries = files;
		Texts.check("comment", comment, 1000);
		var content = json.writeValueAsBytes(entries);
		Supplier<Saved> work = () -> transactions.execute(status -> {
			var now = clock.instant();
			var existing = bundles.lockByNamespaceAndName(namespace.value(), name.value());
			var bundle = existing
				.orElseGet(() -> bundles.saveAndFlush(new Bundle(namespace.value(), name.value(), now)));
			if (existing.isPresent()) {
				var latest = revisions.findByBundleIdAndRevision(bundle.id(), bundle.latestRevision()).orElseThrow();
				if (json.readTree(latest.files()).equals(entries)) {
					return new Saved(bundle.latestRevision(), false, false);
				}
			}
			var revision = bundle.advance(now);
			revisions.save(new BundleRevision(bundle.id(), revision, content, actor.name(), now, comment));
			audit.record(AuditEntry.success(actor, "bundle.save", namespace.value(), name.value(), revision));
			events.publishEvent(new NamespaceChanged(namespace.value()));
			return new Saved(revision, true, existing.isEmpty());
		});
		try {
			return work.get();
		}
		catch (DataIntegrityViolationException raced) {
			return work.get();
		}
	}

	public BundleView latest(NamespaceName namespace, ResourceName name) {
		access.require(namespace, Permission.READ);
		return readOnly.execute(status -> {
			var bundle = find(namespace, name);
			return view(bundle,
					revisions.findByBundleIdAndRevision(bundle.id(), bundle.latestRevision()).orElseThrow());
		});
	}

	public BundleView revision(NamespaceName namespace, ResourceName name, long revision) {
		access.require(namespace, Permission.READ);
		return readOnly.execute(status -> {
			var bundle = find(namespace, name);
			return view(bundle, revisions.findByBundleIdAndRevision(bundle.id(), revision)
				.orElseThrow(() -> new BundleRevisionNotFound(name, revision, bundle.latestRevision())));
		});
	}

	/** Every revision, oldest first, without its files. */
	public List<RevisionInfo> revisions(NamespaceName namespace, ResourceName name) {
		access.require(namespace, Permission.READ);
		return readOnly.execute(status -> revisions.findByBundleIdOrderByRevision(find(namespace, name).id())
			.stream()
			.map(r -> new RevisionInfo(r.revision(), r.author(), r.createdAt(), r.comment()))
			.toList());
	}

	/**
	 * A revision in a bundle's history.
	 *
	 * @param revision its number
	 * @param author who saved it
	 * @param createdAt when
	 * @param comment why, if they said
	 */
	public record RevisionInfo(long revision, String author, java.time.Instant createdAt, @Nullable String comment) {
	}

	private BundleView view(Bundle bundle, BundleRevision revision) {
		return new BundleView(bundle.namespace(), bundle.name(), revision.revision(), bundle.latestRevision(),
				json.readTree(revision.files()), revision.author(), revision.createdAt(), revision.comment(),
				bundle.renderFailure());
	}

	/**
	 * Renders the latest revision's files of some areas, for a preview or an agent's
	 * fetch. No permission check.
	 */
	public Rendered render(NamespaceName namespace, ResourceName name, Set<Area> areas) {
		// One snapshot for the revision and everything its files read: a config written
		// meanwhile is in all of the files or in none.
		return snapshot.execute(status -> {
			var bundle = find(namespace, name);
			var latest = revisions.findByBundleIdAndRevision(bundle.id(), bundle.latestRevision()).orElseThrow();
			var entries = FileEntries.parse(json.readTree(latest.files()));
			try {
				return new Rendered(latest.revision(), Renderer.render(entries, areas,
						new BundleSources(namespace, configs, secrets), properties.renderTimeout()));
			}
			catch (BundleRenderFailed ex) {
				throw new RevisionRenderFailed(ex, latest.revision());
			}
		});
	}

	/**
	 * The rendered output of two revisions compared; references resolve as they would
	 * now.
	 */
	public RenderedDiff diff(NamespaceName namespace, ResourceName name, long from, long to) {
		access.require(namespace, Permission.READ);
		var entries = readOnly.execute(status -> {
			var bundle = find(namespace, name);
			Function<Long, List<FileEntry>> entriesOf = revision -> FileEntries
				.parse(json.readTree(revisions.findByBundleIdAndRevision(bundle.id(), revision)
					.orElseThrow(() -> new BundleRevisionNotFound(name, revision, bundle.latestRevision()))
					.files()));
			return List.of(entriesOf.apply(from), entriesOf.apply(to));
		});
		var sources = new BundleSources(namespace, configs, secrets);
		var all = EnumSet.allOf(Area.class);
		return snapshot.execute(status -> RenderedDiff.of(from, to,
				Renderer.render(entries.get(0), all, sources, properties.renderTimeout()),
				Renderer.render(entries.get(1), all, sources, properties.renderTimeout())));
	}

	/** A rendered revision. */
	public record Rendered(long revision, RenderedBundle bundle) {
	}

	/**
	 * The latest revision rendered for an operator; the web layer leaves secret contents
	 * out.
	 */
	public Rendered preview(NamespaceName namespace, ResourceName name) {
		access.require(namespace, Permission.READ);
		return render(namespace, name, EnumSet.allOf(Area.class));
	}

	/**
	 * The bundle's identity; fails with {@link BundleNotFound}. No permission check:
	 * callers make their own.
	 */
	public BundleRef ref(NamespaceName namespace, ResourceName name) {
		return readOnly.execute(status -> find(namespace, name).ref());
	}

	private Bundle find(NamespaceName namespace, ResourceName name) {
		namespaces.requireExists(namespace);
		return bundles.findByNamespaceAndName(namespace.value(), name.value())
			.orElseThrow(() -> new BundleNotFound(namespace, name));
	}

}
