package io.vaas.bundle.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.escaper.EscapeFilter;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import org.jspecify.annotations.Nullable;

/**
 * Pebble's filters that could explode or run unchecked within one call, redone: the
 * result's size is known before it is built, substrings are found in linear time, sorting
 * takes budget steps, and no filter changes its input (Pebble's sort, rsort and reverse
 * sorted the list they were given).
 */
final class SafeFilters {

	private SafeFilters() {
	}

	/** {@code join(separator)}: stops as soon as the text would be too long. */
	static final class Join implements Filter {

		@Override
		public List<String> getArgumentNames() {
			return List.of("separator");
		}

		@Override
		public @Nullable Object apply(@Nullable Object input, Map<String, Object> args, PebbleTemplate self,
				EvaluationContext context, int line) {
			if (input == null) {
				return null;
			}
			var separator = (String) args.get("separator");
			var out = new StringBuilder();
			var first = true;
			for (var item : items(input, "join", line, self)) {
				var text = (first || separator == null ? "" : separator) + Values.text(item, line);
				if (out.length() + text.length() > Renderer.MAX_FILE) {
					throw Values.tooLong(line);
				}
				out.append(text);
				first = false;
			}
			return out.toString();
		}

	}

	/**
	 * {@code replace({'a': 'b', …})}: each pair in turn, as Pebble does, each result's
	 * length counted before it is built.
	 */
	static final class Replace implements Filter {

		@Override
		public List<String> getArgumentNames() {
			return List.of("replace_pairs");
		}

		@Override
		public @Nullable Object apply(@Nullable Object input, Map<String, Object> args, PebbleTemplate self,
				EvaluationContext context, int line) {
			if (input == null) {
				return null;
			}
			if (!(args.get("replace_pairs") instanceof Map<?, ?> pairs)) {
				throw new PebbleException(null, "replace takes a map of replacements", line, self.getName());
			}
			var text = Values.text(input, line);
			for (var pair : pairs.entrySet()) {
				text = Substrings.replace(text, Values.text(pair.getKey(), line), Values.text(pair.getValue(), line),
						line);
			}
			return text;
		}

	}

	/**
	 * {@code split(delimiter[, limit])} with the delimiter taken literally (Pebble took
	 * it as a regular expression, which can backtrack for minutes).
	 */
	static final class Split implements Filter {

		@Override
		public List<String> getArgumentNames() {
			return List.of("delimiter", "limit");
		}

		@Override
		public @Nullable Object apply(@Nullable Object input, Map<String, Object> args, PebbleTemplate self,
				EvaluationContext context, int line) {
			if (input == null) {
				return null;
			}
			if (!(args.get("delimiter") instanceof String delimiter)) {
				throw new PebbleException(null, "split needs a delimiter", line, self.getName());
			}
			var text = (String) input;
			Budget.charge(text.length());
			var limit = (Number) args.get("limit");
			return Substrings.split(text, delimiter, limit == null ? 0 : limit.intValue(), line);
		}

	}

	/** {@code sort} and {@code rsort}, on a copy. */
	record Sort(boolean descending) implements Filter {

		@Override
		public @Nullable List<String> getArgumentNames() {
			return null;
		}

		@Override
		@SuppressWarnings({ "unchecked", "rawtypes" })
		public @Nullable Object apply(@Nullable Object input, Map<String, Object> args, PebbleTemplate self,
				EvaluationContext context, int line) {
			if (input == null) {
				return null;
			}
			var items = toArray(items(input, "sort", line, self));
			Comparator<Object> order = (a, b) -> {
				Budget.step();
				return ((Comparable) a).compareTo(b);
			};
			Arrays.sort(items, descending ? order.reversed() : order);
			return Arrays.asList(items);
		}

	}

	/** {@code reverse}, on a copy. */
	static final class Reverse implements Filter {

		@Override
		public @Nullable List<String> getArgumentNames() {
			return null;
		}

		@Override
		public @Nullable Object apply(@Nullable Object input, Map<String, Object> args, PebbleTemplate self,
				EvaluationContext context, int line) {
			if (input == null) {
				return null;
			}
			return Arrays.asList(toArray(items(input, "reverse", line, self))).reversed();
		}

	}

	/** {@code escape}, with its input's text and its result within the size budget. */
	static final class Escape extends EscapeFilter {

		@Override
		public @Nullable Object apply(@Nullable Object input, Map<String, Object> args, PebbleTemplate self,
				EvaluationContext context, int line) {
			Budget.step();
			var value = input == null || input instanceof SafeString ? input : Values.print(input, line);
			return Values.admit(super.apply(value, args, self, context, line), line);
		}

	}

	private static Collection<?> items(Object input, String filter, int line, PebbleTemplate self) {
		if (input instanceof Collection<?> items) {
			return items;
		}
		if (input.getClass().isArray() && Values.freeze(input, line) instanceof Collection<?> items) {
			return items;
		}
		throw new PebbleException(null, filter + " takes a list", line, self.getName());
	}

	private static Object[] toArray(Collection<?> items) {
		var copy = new ArrayList<@Nullable Object>(items.size());
		for (var item : items) {
			copy.add(item);
		}
		return copy.toArray();
	}

}
