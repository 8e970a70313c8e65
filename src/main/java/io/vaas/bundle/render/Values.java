package io.vaas.bundle.render;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.pebbletemplates.pebble.extension.escaper.SafeString;
import org.jspecify.annotations.Nullable;

/**
 * What templates compute, kept within the size budget: text of at most
 * {@link Renderer#MAX_FILE} characters (no file may hold more), lists and maps of at most
 * {@link Budget#MAX_ITEMS} items, and everything counted against the memory budget. Text
 * is made here rather than with {@code toString()}, which would build a list of a
 * thousand references to one big string in full before anything could refuse it.
 */
final class Values {

	private static final int MAX_NESTING = 256;

	private Values() {
	}

	/**
	 * The value as {@code String.valueOf} writes it (lists as {@code [a, b]}, maps as
	 * {@code {k=v}}).
	 * @param line where in the template, or -1
	 */
	static String text(@Nullable Object value, int line) {
		if (value instanceof String text) {
			return text;
		}
		if (!(value instanceof Iterable || value instanceof Map || value instanceof Map.Entry || value == null
				|| value.getClass().isArray())) {
			var text = String.valueOf(value);
			if (text.length() > Renderer.MAX_FILE) {
				throw tooLong(line);
			}
			return text;
		}
		var out = new StringBuilder();
		append(out, value, 0, line);
		return out.toString();
	}

	/** What {@code {{ value }}} writes: a decimal written out in full, as Pebble does. */
	static String print(Object value, int line) {
		if (value instanceof BigDecimal decimal) {
			long digits = (long) decimal.precision() + Math.abs((long) decimal.scale()) + 2;
			if (digits > Renderer.MAX_FILE) {
				throw tooLong(line);
			}
			return decimal.toPlainString();
		}
		return text(value, line);
	}

	private static void append(StringBuilder out, @Nullable Object value, int depth, int line) {
		Budget.step();
		if (depth > MAX_NESTING) {
			throw new RenderBudgetExceeded(
					"a value nests more than " + MAX_NESTING + " deep" + budget("nesting", line));
		}
		switch (value) {
			case CharSequence text -> room(out, text.length(), line).append(text);
			case Map<?, ?> map -> {
				room(out, 1, line).append('{');
				var first = true;
				for (var entry : map.entrySet()) {
					room(out, first ? 0 : 2, line).append(first ? "" : ", ");
					appendEntry(out, entry, depth, line);
					first = false;
				}
				room(out, 1, line).append('}');
			}
			case Map.Entry<?, ?> entry -> appendEntry(out, entry, depth, line);
			case Iterable<?> items -> {
				room(out, 1, line).append('[');
				var first = true;
				for (var item : items) {
					room(out, first ? 0 : 2, line).append(first ? "" : ", ");
					append(out, item, depth + 1, line);
					first = false;
				}
				room(out, 1, line).append(']');
			}
			case null -> room(out, 4, line).append("null");
			default -> {
				if (value.getClass().isArray()) {
					append(out, asList(value), depth, line);
				}
				else {
					var text = String.valueOf(value);
					room(out, text.length(), line).append(text);
				}
			}
		}
	}

	private static void appendEntry(StringBuilder out, Map.Entry<?, ?> entry, int depth, int line) {
		append(out, entry.getKey(), depth + 1, line);
		room(out, 1, line).append('=');
		append(out, entry.getValue(), depth + 1, line);
	}

	private static StringBuilder room(StringBuilder out, long more, int line) {
		if (out.length() + more > Renderer.MAX_FILE) {
			throw tooLong(line);
		}
		return out;
	}

	static RenderBudgetExceeded tooLong(int line) {
		return new RenderBudgetExceeded(
				"a value would be longer than " + Renderer.MAX_FILE + " characters" + budget("size", line));
	}

	static RenderBudgetExceeded tooMany(int line) {
		return new RenderBudgetExceeded(
				"a list or map would hold more than " + Budget.MAX_ITEMS + " items" + budget("size", line));
	}

	/** Names the budget, and the line when known (-1 when not). */
	static String budget(String name, int line) {
		return " (the " + name + " budget" + (line < 0 ? "" : ", line " + line) + ")";
	}

	/**
	 * A value a filter, function or operator returned: text within the size limit and
	 * counted, lists and maps frozen.
	 */
	static @Nullable Object admit(@Nullable Object value, int line) {
		if (value instanceof CharSequence text) {
			if (text.length() > Renderer.MAX_FILE) {
				throw tooLong(line);
			}
			Budget.charge(text.length());
			return value;
		}
		if (value instanceof SafeString safe) {
			admit(safe.toString(), line);
			return value;
		}
		return freeze(value, line);
	}

	/**
	 * Lists, maps and arrays as {@link Frozen} copies (counted, at most
	 * {@link Budget#MAX_ITEMS} items); anything else as it is.
	 */
	static @Nullable Object freeze(@Nullable Object value, int line) {
		return switch (value) {
			case Frozen frozen -> frozen;
			case Collection<?> items ->
				new FrozenList(counted(items.size(), line) == 0 ? new Object[0] : items.toArray());
			case Map<?, ?> map -> {
				counted(map.size(), line);
				yield new FrozenMap(new LinkedHashMap<Object, @Nullable Object>(map));
			}
			case null -> null;
			default -> {
				if (!value.getClass().isArray()) {
					yield value;
				}
				counted(Array.getLength(value), line);
				yield new FrozenList(asList(value).toArray());
			}
		};
	}

	private static int counted(int size, int line) {
		if (size > Budget.MAX_ITEMS) {
			throw tooMany(line);
		}
		Budget.charge(size);
		return size;
	}

	private static List<@Nullable Object> asList(Object array) {
		int length = Array.getLength(array);
		var items = new ArrayList<@Nullable Object>(length);
		for (int i = 0; i < length; i++) {
			items.add(Array.get(array, i));
		}
		return items;
	}

}
