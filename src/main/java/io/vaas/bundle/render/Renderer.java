package io.vaas.bundle.render;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.vaas.bundle.output.Area;
import io.vaas.bundle.output.RenderedBundle;
import io.vaas.bundle.output.RenderedFile;
import io.vaas.bundle.output.SessionEntry;

/**
 * Renders a bundle revision's entries into files; a failure names the file and the
 * reason.
 */
public final class Renderer {

	private Renderer() {
	}

	/** The most one file may hold (SPEC §3). */
	public static final int MAX_FILE = 1024 * 1024;

	/** The most a bundle's files may hold together (SPEC §3). */
	public static final int MAX_BUNDLE = 8 * 1024 * 1024;

	/**
	 * The files of the given areas, rendered within one {@link Budget}: all templates
	 * together may take {@code timeout} (not counting the time spent reading configs and
	 * secrets), macros may nest {@value Budget#MAX_DEPTH} deep, lists hold at most
	 * {@value Budget#MAX_ITEMS} items, and every value at most {@value #MAX_FILE}
	 * characters.
	 * @throws BundleRenderFailed naming the file and the rule or budget it broke;
	 * {@link BundleRenderFailed#overBudget()} tells a budget from a missing reference
	 */
	public static RenderedBundle render(List<FileEntry> entries, Set<Area> areas, Sources sources, Duration timeout) {
		var budget = new Budget(timeout);
		return ScopedValue.where(Budget.CURRENT, budget)
			.call(() -> renderFiles(entries, areas, budget.excludingTimeIn(sources)));
	}

	private static RenderedBundle renderFiles(List<FileEntry> entries, Set<Area> areas, Sources sources) {
		var files = new ArrayList<RenderedFile>();
		var perSession = new ArrayList<SessionEntry>();
		long total = 0;
		for (var entry : entries) {
			if (!areas.contains(entry.area())) {
				continue;
			}
			try {
				if (entry.source() instanceof FileSource.PerSession made) {
					made.check(sources);
					var session = made.entry(entry.area(), entry.path());
					perSession.add(session);
					files.addAll(session.placeholders());
					continue;
				}
				var file = file(entry, sources);
				if (file.content().length > MAX_FILE) {
					throw new RenderBudgetExceeded("renders to " + file.content().length
							+ " bytes; a file may hold at most " + MAX_FILE + " (the output budget)");
				}
				total += file.content().length;
				if (total > MAX_BUNDLE) {
					throw new RenderBudgetExceeded(
							"with this file the bundle holds more than " + MAX_BUNDLE + " bytes (the output budget)");
				}
				files.add(file);
			}
			catch (RenderRuleBroken ex) {
				throw new BundleRenderFailed(entry.area().label() + "/" + entry.path(), ex);
			}
		}
		return RenderedBundle.of(files, perSession);
	}

	private static RenderedFile file(FileEntry entry, Sources sources) {
		var content = entry.source().render(entry.area(), sources);
		return RenderedFile.of(entry.area(), entry.path(), entry.mode(), content.bytes(), content.secret());
	}

}
