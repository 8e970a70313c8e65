package io.vaas.bundle;

import java.time.Instant;

import io.vaas.shared.VersionedHead;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "bundles")
@AttributeOverride(name = "latest", column = @Column(name = "latest_revision"))
final class Bundle extends VersionedHead {

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
		super(namespace, name, now);
	}

	/** A new revision; it rendered when it was saved, so any earlier failure is over. */
	@Override
	protected long advance(Instant now) {
		renderFailure = null;
		renderFailedRevision = null;
		renderFailedAt = null;
		return super.advance(now);
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

	long latestRevision() {
		return latest();
	}

	BundleRef ref() {
		return new BundleRef(id(), namespace(), name());
	}

}
