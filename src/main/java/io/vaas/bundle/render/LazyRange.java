package io.vaas.bundle.render;

import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;

/**
 * {@code range(start, end[, increment])} and {@code start..end}, as in Pebble (numbers or
 * single characters, end included), but lazy: Pebble's own builds the whole list first,
 * so {@code range(1, 100000000)} ran out of memory. A range holds at most
 * {@link Budget#MAX_ITEMS} items, and every item taken is a step of the budget.
 */
final class LazyRange implements Function {

	private static final List<String> ARGUMENTS = List.of("start", "end", "increment");

	@Override
	public List<String> getArgumentNames() {
		return ARGUMENTS;
	}

	@Override
	public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
		var start = args.get("start");
		var end = args.get("end");
		var increment = args.get("increment") == null ? 1L : args.get("increment");
		if (!(increment instanceof Number step) || step.longValue() == 0) {
			throw new PebbleException(null, "the increment of range must be a number other than 0", line,
					self.getName());
		}
		if (start instanceof Number from && end instanceof Number to) {
			return new Items(from.longValue(), step.longValue(),
					size(from.longValue(), to.longValue(), step.longValue(), line), false);
		}
		if (start instanceof String from && end instanceof String to && from.length() == 1 && to.length() == 1) {
			return new Items(from.charAt(0), step.longValue(),
					size(from.charAt(0), to.charAt(0), step.longValue(), line), true);
		}
		throw new PebbleException(null, "range takes numbers or single characters", line, self.getName());
	}

	private static int size(long from, long to, long step, int line) {
		if (step > 0 ? from > to : from < to) {
			return 0;
		}
		long count;
		try {
			count = Math.absExact(Math.subtractExact(to, from)) / Math.absExact(step) + 1;
		}
		catch (ArithmeticException overflow) {
			count = Long.MAX_VALUE;
		}
		if (count > Budget.MAX_ITEMS) {
			throw new RenderBudgetExceeded(
					"a range would hold more than " + Budget.MAX_ITEMS + " items" + Values.budget("size", line));
		}
		return (int) count;
	}

	/** The items, computed when asked for. */
	static final class Items extends AbstractList<Object> implements RandomAccess, Frozen {

		private final long from;

		private final long step;

		private final int size;

		private final boolean characters;

		Items(long from, long step, int size, boolean characters) {
			this.from = from;
			this.step = step;
			this.size = size;
			this.characters = characters;
		}

		@Override
		public Object get(int index) {
			Objects.checkIndex(index, size);
			Budget.step();
			long value = from + index * step;
			return characters ? (Object) (char) value : (Object) value;
		}

		@Override
		public int size() {
			return size;
		}

		@Override
		public String toString() {
			return Values.text(this, -1);
		}

	}

}
