package io.vaas.delivery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.vaas.bundle.BundleRendering;
import io.vaas.bundle.RevisionRenderFailed;
import io.vaas.bundle.output.Area;
import io.vaas.session.SessionService;
import io.vaas.session.SessionView;
import io.vaas.shared.NamespaceName;
import io.vaas.shared.ResourceName;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * The fleet of one bundle: its active sessions with the revision each runs and whether it
 * lags (an older revision, or files that a config or secret changed since: its digest is
 * not what its areas render to now), and how many agents run each revision, so an
 * operator can watch a rollout converge. Only digests and revision numbers leave the
 * rendering.
 */
@Service
public class Fleet {

	private final SessionService sessions;

	private final BundleRendering rendering;

	Fleet(SessionService sessions, BundleRendering rendering) {
		this.sessions = sessions;
		this.rendering = rendering;
	}

	/**
	 * A bundle's fleet.
	 *
	 * @param bundle the bundle
	 * @param latestRevision its latest revision
	 * @param agents its active sessions, newest first
	 * @param lagging how many of them run nothing yet, an older revision or older files
	 * @param revisions how many run each revision, newest first ({@code "none"}: nothing
	 * fetched yet)
	 */
	public record View(String bundle, long latestRevision, List<Agent> agents, long lagging,
			Map<String, Long> revisions) {
	}

	/** An active session and whether it lags. */
	public record Agent(@JsonUnwrapped SessionView session, boolean lagging) {
	}

	/**
	 * The fleet; the caller needs {@code read} on the namespace (checked before anything
	 * is rendered).
	 */
	public View of(NamespaceName namespace, ResourceName bundle) {
		var active = sessions.list(namespace, bundle.value())
			.stream()
			.filter(session -> "active".equals(session.status()))
			.toList();
		var now = new HashMap<List<String>, Current>();
		// Every area once for the latest revision; agents with every area reuse it.
		var every = List.of(Area.values()).stream().map(Area::label).toList();
		var latest = now.computeIfAbsent(every, areas -> current(namespace, bundle, areas)).revision();
		var agents = new ArrayList<Agent>();
		for (var session : active) {
			var current = now.computeIfAbsent(session.areas(), areas -> current(namespace, bundle, areas));
			agents.add(new Agent(session, lags(session, latest, current)));
		}
		var counts = new TreeMap<String, Long>(Comparator.comparing(Fleet::order).reversed());
		agents.forEach(agent -> counts.merge(label(agent.session().revision()), 1L, Long::sum));
		return new View(bundle.value(), latest, agents, agents.stream().filter(Agent::lagging).count(), counts);
	}

	/**
	 * What some areas render to now: the latest revision, and its digest when it renders.
	 */
	private record Current(long revision, @Nullable String digest) {
	}

	private Current current(NamespaceName namespace, ResourceName bundle, List<String> areas) {
		Set<Area> set = areas.stream().map(area -> Area.of(area).orElseThrow()).collect(Collectors.toSet());
		try {
			var rendered = rendering.render(namespace, bundle, set);
			// Files made per session (certificates) give each session its own digest:
			// then
			// only the revision tells whether it lags.
			return new Current(rendered.revision(),
					rendered.bundle().madePerSession() ? null : rendered.bundle().digest());
		}
		catch (RevisionRenderFailed ex) {
			return new Current(ex.revision(), null);
		}
	}

	private static boolean lags(SessionView session, long latest, Current current) {
		var revision = session.revision();
		if (revision == null || revision < latest) {
			return true;
		}
		var runs = session.lastDigestApplied() != null ? session.lastDigestApplied() : session.lastDigestFetched();
		return current.digest() != null && !current.digest().equals(runs);
	}

	private static String label(@Nullable Long revision) {
		return revision == null ? "none" : revision.toString();
	}

	private static long order(String label) {
		return "none".equals(label) ? -1 : Long.parseLong(label);
	}

}
