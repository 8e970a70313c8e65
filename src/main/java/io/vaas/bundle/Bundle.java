package io.vaas.bundle;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "bundles")
class Bundle {

	@Id
	private UUID id;

	private String namespace;

	private String name;

	@Column(name = "latest_revision")
	private long latestRevision;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "updated_at")
	private Instant updatedAt;

	@Column(name = "render_failure")
	private @Nullable String renderFailure;

	@Column(name = "render_failed_revision")
	private @Nullable Long renderFailedRevision;

	@Column(name = "render_failed_at")
	private @Nullable Instant renderFailedAt;

	protected Bundle() {
		// for JPA
	}

	Bundle(String namespace, String name, Instant now) {
		this.id = UUID.randomUUID();
		this.namespace = namespace;
		this.name = name;
		this.latestRevision = 0;
		this.createdAt = now;
		this.updatedAt = now;
	}

	/** A new revision; it rendered when it was saved, so any earlier failure is over. */
	long advance(Instant now) {
		latestRevision++;
		updatedAt = now;
		renderFailure = null;
		renderFailedRevision = null;
		renderFailedAt = null;
		return latestRevision;
	}

	/** The last failure to render it for delivery, while it lasts. */
	@Nullable RenderFailure renderFailure() {
		if (renderFailure == null || renderFailedRevision == null || renderFailedAt == null) {
			return null;
		}
		var colon = renderFailure.indexOf(": ");
		return colon < 0 ? new RenderFailure(null, renderFailure, renderFailedRevision, renderFailedAt)
				: new RenderFailure(renderFailure.substring(0, colon), renderFailure.substring(colon + 2),
						renderFailedRevision, renderFailedAt);
	}

	UUID id() {
		return id;
	}

	String namespace() {
		return namespace;
	}

	String name() {
		return name;
	}

	long latestRevision() {
		return latestRevision;
	}

	BundleRef ref() {
		return new BundleRef(id, namespace, name);
	}

}
