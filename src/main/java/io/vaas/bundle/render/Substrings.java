package io.vaas.bundle.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Finding, replacing and splitting at a literal text in time linear in the text
 * (Knuth–Morris–Pratt), each step counted by the {@link Budget}. {@code String.indexOf}
 * and regular expressions can take time proportional to the product of both lengths
 * ({@code "aaa…a".contains("aa…ab…a")}), and nothing could stop them.
 */
final class Substrings {

	/** Characters per budget step, less one. */
	private static final int STEP = 255;

	private Substrings() {
	}

	static boolean contains(String text, String target) {
		return target.isEmpty() || indexOf(text, target, table(target), 0) >= 0;
	}

	/**
	 * As {@link String#replace(CharSequence, CharSequence)}; refused before anything is
	 * built when the result would be longer than a file may be.
	 */
	static String replace(String text, String target, String replacement, int line) {
		if (target.isEmpty()) {
			long length = text.length() + (long) (text.length() + 1) * replacement.length();
			if (length > Renderer.MAX_FILE) {
				throw Values.tooLong(line);
			}
			return text.replace(target, replacement);
		}
		var table = table(target);
		long count = 0;
		for (int at = indexOf(text, target, table, 0); at >= 0; at = indexOf(text, target, table,
				at + target.length())) {
			count++;
		}
		if (text.length() + count * (replacement.length() - target.length()) > Renderer.MAX_FILE) {
			throw Values.tooLong(line);
		}
		var out = new StringBuilder();
		int from = 0;
		for (int at = indexOf(text, target, table, 0); at >= 0; at = indexOf(text, target, table, from)) {
			out.append(text, from, at).append(replacement);
			from = at + target.length();
		}
		return out.append(text, from, text.length()).toString();
	}

	/**
	 * As {@link String#split(String, int)} with the delimiter taken literally; at most
	 * {@link Budget#MAX_ITEMS} parts.
	 */
	static List<String> split(String text, String delimiter, int limit, int line) {
		var parts = new ArrayList<String>();
		if (text.isEmpty()) {
			return List.of(text);
		}
		if (delimiter.isEmpty()) {
			// As String.split(""): one part per character, no empty leading part.
			int from = 0;
			while (from < text.length() && (limit <= 0 || parts.size() < limit - 1)) {
				int next = text.offsetByCodePoints(from, 1);
				add(parts, text.substring(from, next), line);
				from = next;
			}
			add(parts, text.substring(from), line);
		}
		else {
			var table = table(delimiter);
			int from = 0;
			for (int at = indexOf(text, delimiter, table, 0); at >= 0
					&& (limit <= 0 || parts.size() < limit - 1); at = indexOf(text, delimiter, table, from)) {
				add(parts, text.substring(from, at), line);
				from = at + delimiter.length();
			}
			if (parts.isEmpty()) {
				return List.of(text);
			}
			add(parts, text.substring(from), line);
		}
		if (limit == 0) {
			while (!parts.isEmpty() && parts.getLast().isEmpty()) {
				parts.removeLast();
			}
		}
		return parts;
	}

	private static void add(List<String> parts, String part, int line) {
		if (parts.size() == Budget.MAX_ITEMS) {
			throw Values.tooMany(line);
		}
		parts.add(part);
	}

	/** The failure function: for each prefix, the length of its longest proper border. */
	private static int[] table(String target) {
		var table = new int[target.length()];
		for (int i = 1, k = 0; i < target.length(); i++) {
			if ((i & STEP) == 0) {
				Budget.step();
			}
			while (k > 0 && target.charAt(i) != target.charAt(k)) {
				k = table[k - 1];
			}
			if (target.charAt(i) == target.charAt(k)) {
				k++;
			}
			table[i] = k;
		}
		return table;
	}

	/** The first occurrence at or after {@code from}, or -1. */
	private static int indexOf(String text, String target, int[] table, int from) {
		for (int i = from, k = 0; i < text.length(); i++) {
			if ((i & STEP) == 0) {
				Budget.step();
			}
			while (k > 0 && text.charAt(i) != target.charAt(k)) {
				k = table[k - 1];
			}
			if (text.charAt(i) == target.charAt(k)) {
				k++;
			}
			if (k == target.length()) {
				return i - k + 1;
			}
		}
		return -1;
	}

}
