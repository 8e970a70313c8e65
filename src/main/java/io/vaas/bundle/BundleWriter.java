package io.vaas.bundle;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Supplier;

import io.vaas.audit.AuditEntry;
import io.vaas.audit.AuditLog;
import io.vaas.bundle.output.Area;
import io.vaas.bundle.render.FileEntries;
import io.vaas.bundle.render.FileEntry;
import io.vaas.bundle.render.RenderRuleBroken;
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

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Saves bundle revisions. A save renders every file first, so every stored revision
 * rendered when it was saved; files equal to the latest revision's create no revision.
 * Writers to one bundle take turns on a row lock.
 */
@Service
public class BundleWriter {

	static final int MAX_COMMENT_LENGTH = 1000;

	private final Bundles bundles;

	private final BundleRevisions revisions;

	private final NamespaceService namespaces;

	private final NamespaceRenderer renderer;

	private final Access access;

	private final AuditLog audit;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	BundleWriter(Bundles bundles, BundleRevisions revisions, NamespaceService namespaces, NamespaceRenderer renderer,
			Access access, AuditLog audit, TransactionTemplate transactions, JsonMapper json,
			ApplicationEventPublisher events, Clock clock) {
		this.bundles = bundles;
		this.revisions = revisions;
		this.namespaces = namespaces;
		this.renderer = renderer;
		this.access = access;
		this.audit = audit;
		this.transactions = transactions;
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
		var digest = renderer.render(namespace, parsed, EnumSet.allOf(Area.class)).digest();
		Texts.check("comment", comment, MAX_COMMENT_LENGTH);
		var content = json.writeValueAsBytes(files);
		Supplier<Saved> work = () -> transactions.execute(status -> {
			var now = clock.instant();
			var existing = bundles.lockByNamespaceAndName(namespace.value(), name.value());
			var bundle = existing
				.orElseGet(() -> bundles.saveAndFlush(new Bundle(namespace.value(), name.value(), now)));
			if (existing.isPresent()) {
				var latest = revisions.findByHeadIdAndNumber(bundle.id(), bundle.latestRevision()).orElseThrow();
				if (json.readTree(latest.files()).equals(files)) {
					return new Saved(bundle.latestRevision(), false, false);
				}
			}
			var revision = bundle.advance(now);
			revisions.save(new BundleRevision(bundle.id(), revision, content, digest, actor.name(), now, comment));
			audit.record(AuditEntry.success(actor, "bundle.save", namespace.value(), name.value(), revision));
			events.publishEvent(new NamespaceChanged(namespace.value()));
			return new Saved(revision, true, existing.isEmpty());
		});
		try {
			return work.get();
		}
		catch (DataIntegrityViolationException raced) {
			// Two writers created the same bundle at once; the loser retries against the
			// winner's row.
			return work.get();
		}
	}

}
