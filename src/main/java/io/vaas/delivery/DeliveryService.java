package io.vaas.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import io.vaas.bundle.BundleRendering;
import io.vaas.bundle.output.Area;
import io.vaas.session.ActiveSessions;
import io.vaas.session.DigestSigner;
import io.vaas.session.InvalidAccessToken;
import io.vaas.session.SessionActivity;
import io.vaas.session.VerifiedToken;
import io.vaas.shared.NamespaceName;
import io.vaas.shared.ResourceName;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * What an agent's access token fetches: its bundle rendered for its areas and signed,
 * recorded on its session; the next change to wait for; and the check that the session
 * still stands when the answer goes out.
 */
@Service
public class DeliveryService {

	private final BundleRendering bundles;

	private final RenderCache renders;

	private final ChangeFeed feed;

	private final DigestSigner signer;

	private final ActiveSessions active;

	private final SessionActivity activity;

	private final DeliveryProperties properties;

	private final SessionFiles sessionFiles;

	private final Clock clock;

	DeliveryService(BundleRendering bundles, RenderCache renders, ChangeFeed feed, DigestSigner signer,
			ActiveSessions active, SessionActivity activity, DeliveryProperties properties, SessionFiles sessionFiles,
			Clock clock) {
		this.sessionFiles = sessionFiles;
		this.clock = clock;
		this.bundles = bundles;
		this.renders = renders;
		this.feed = feed;
		this.signer = signer;
		this.active = active;
		this.activity = activity;
		this.properties = properties;
	}

	/**
	 * The session's bundle rendered for its areas, with a signature over the digest;
	 * recorded on the session (and in the audit log when the agent did not have it yet).
	 */
	public Fetched fetch(VerifiedToken token) {
		var areas = EnumSet.noneOf(Area.class);
		for (var label : token.areas()) {
			areas.add(Area.of(label).orElseThrow(() -> new InvalidAccessToken("unknown area")));
		}
		var fetched = renders.get(token, areas, () -> render(token, areas));
		if (fetched.files().madePerSession()) {
			fetched = sessionFiles.complete(token, fetched);
		}
		activity.fetched(token, fetched.revision(), fetched.files().digest());
		return fetched;
	}

	/**
	 * What {@link #fetch} answers, when that needs nothing that can wait: {@code null}
	 * when it needs a render, a file made for the session, or a record on the session
	 * (whose audit event may have to wait for the database), and for a token whose areas
	 * this server does not know. It records nothing: the session's record of this fetch
	 * is already there.
	 */
	public @Nullable Fetched fetchAtOnce(VerifiedToken token) {
		var areas = EnumSet.noneOf(Area.class);
		for (var label : token.areas()) {
			var area = Area.of(label);
			if (area.isEmpty()) {
				return null;
			}
			areas.add(area.get());
		}
		var fetched = renders.getIfCached(token, areas);
		if (fetched == null || fetched.files().madePerSession()
				|| !activity.recorded(token, fetched.revision(), fetched.files().digest())) {
			return null;
		}
		return fetched;
	}

	/**
	 * Whether {@link #requireActive} would let the answer go out, when that can be told
	 * without waiting for the revocations to be read.
	 */
	public boolean activeAtOnce(VerifiedToken token, @Nullable Fetched answered) {
		return active.activeAtOnce(token, answered == null ? null : answered.renderedAt());
	}

	private Fetched render(VerifiedToken token, Set<Area> areas) {
		var started = System.nanoTime();
		var bundle = bundles.render(NamespaceName.of(token.namespace()), ResourceName.of(token.bundle()), areas);
		return new Fetched(token.qualifiedBundle(), bundle.revision(), bundle.bundle(),
				signer.sign(token.qualifiedBundle(), bundle.revision(), bundle.bundle().digest()), started, null);
	}

	/**
	 * Refuses a revoked session at the moment of answering: with data, only once this
	 * replica has read the revocations committed before that data was rendered.
	 * @throws InvalidAccessToken when the session is revoked
	 */
	public void requireActive(VerifiedToken token, @Nullable Fetched answered) {
		active.requireActive(token, answered == null ? null : answered.renderedAt());
	}

	/**
	 * Runs {@code wake} once, at the next change in the token's namespace (on the thread
	 * that learns of it: it must be quick); take it before {@link #fetch}.
	 * @return what cancels it
	 */
	public Runnable onNextChange(VerifiedToken token, Runnable wake) {
		return feed.onNextChange(token.namespace(), wake);
	}

	/**
	 * Whether an answer holds files made for the session that are due to be made again (a
	 * certificate at 2/3 of its lifetime): a waiting long-poll then fetches again.
	 */
	public boolean stale(Fetched fetched) {
		return fetched.staleAt(clock.instant());
	}

	/** The longest an agent may long-poll. */
	public Duration maxWait() {
		return properties.maxWait();
	}

	/** Records the bundle digest an agent reports as applied. */
	public void applied(VerifiedToken token, String digest, String address) {
		activity.applied(token, digest, address);
	}

}
