package io.vaas.bundle.render;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one rendering of a bundle may spend: a deadline for all its templates together
 * (time spent reading configs and secrets does not count: that is the database's time,
 * not the template's), how deeply macros may call each other, and how many characters and
 * list items its templates may compute in total. Bound to the rendering thread with
 * {@link #CURRENT} so that every Pebble node, operator and filter can reach it.
 */
final class Budget {

	/** The most items a list, map or {@code range} a template computes may hold. */
	static final int MAX_ITEMS = 100_000;

	/** The deepest macros may call each other. */
	static final int MAX_DEPTH = 64;

	/**
	 * Characters of strings and items of lists that the templates of one bundle may
	 * compute together: twice what its files may hold, so that what a template builds and
	 * then writes always fits.
	 */
	static final long MAX_COMPUTED = 2L * Renderer.MAX_BUNDLE;

	static final ScopedValue<Budget> CURRENT = ScopedValue.newInstance();

	/** The clock is read on one step in this many (a step costs at most a few µs). */
	private static final int STEPS_PER_CLOCK_READ = 64;

	/**
	 * Outside a rendering (tests, the benchmark's baseline): counts nothing, limits
	 * nothing.
	 */
	private static final Budget NONE = new Budget(null);

	private final @Nullable Duration timeout;

	private long deadline;

	private int steps;

	private int depth;

	private long computed;

	Budget(@Nullable Duration timeout) {
		this.timeout = timeout;
		this.deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
	}

	/** The budget of the rendering on this thread, or one that limits nothing. */
	static Budget current() {
		return CURRENT.orElse(NONE);
	}

	/** One step of template work; fails once the deadline has passed. */
	static void step() {
		current().tick();
	}

	void tick() {
		if (++steps % STEPS_PER_CLOCK_READ == 0) {
			checkClock();
		}
	}

	void checkClock() {
		if (timeout != null && System.nanoTime() - deadline > 0) {
			throw new RenderBudgetExceeded("rendering the bundle took longer than " + timeout.toMillis()
					+ " ms (the time budget, vaas.bundles.render-timeout)");
		}
	}

	/** Counts characters or items a template computed. */
	static void charge(long units) {
		var budget = current();
		if (budget != NONE && (budget.computed += units) > MAX_COMPUTED) {
			throw new RenderBudgetExceeded("the templates computed more than " + MAX_COMPUTED
					+ " characters and list items in total (the memory budget)");
		}
	}

	void enterMacro(int line) {
		if (this != NONE && ++depth > MAX_DEPTH) {
			throw new RenderBudgetExceeded("the template calls itself too deeply: macro calls nest more than "
					+ MAX_DEPTH + " deep" + Values.budget("nesting", line));
		}
	}

	void exitMacro() {
		if (this != NONE) {
			depth--;
		}
	}

	/**
	 * The sources, with the time spent in them added to the deadline: a slow database
	 * must not make a template fail.
	 */
	Sources excludingTimeIn(Sources sources) {
		return new Sources() {

			@Override
			public ObjectNode config(Reference reference) {
				long start = System.nanoTime();
				try {
					return sources.config(reference);
				}
				finally {
					deadline += System.nanoTime() - start;
				}
			}

			@Override
			public byte[] secret(Reference reference) {
				long start = System.nanoTime();
				try {
					return sources.secret(reference);
				}
				finally {
					deadline += System.nanoTime() - start;
				}
			}

		};
	}

}
