package io.vaas.bundle.render;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.pebbletemplates.pebble.error.AttributeNotFoundException;
import io.pebbletemplates.pebble.error.ClassAccessException;
import io.pebbletemplates.pebble.error.ParserException;
import io.pebbletemplates.pebble.error.PebbleException;
import org.jspecify.annotations.Nullable;

/**
 * Whatever went wrong in Pebble, as a rule the template broke: the line and a kind of
 * error, never Pebble's message (it can quote values: "Not an iterable object. Value =
 * […]").
 */
final class TemplateErrors {

	private static final Map<Class<? extends Throwable>, String> KINDS = Map.of(ParserException.class, "syntax error",
			ClassCastException.class, "a value has the wrong type", NumberFormatException.class, "not a number",
			ArithmeticException.class, "arithmetic error", IndexOutOfBoundsException.class, "no such item",
			java.util.NoSuchElementException.class, "no such item", NullPointerException.class, "a value is missing",
			IllegalArgumentException.class, "invalid argument", UnsupportedOperationException.class,
			"unsupported operation");

	private static final Pattern UNKNOWN = Pattern
		.compile("(Filter|Test|Function or Macro) \\[([A-Za-z0-9_]{1,100})\\] does not exist\\.");

	private TemplateErrors() {
	}

	/**
	 * @throws RuntimeException what the sources threw, when reading a config or secret
	 * failed (a database that is down is not the template's fault)
	 */
	static RenderRuleBroken of(RuntimeException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof Templates.SourceFailed failed) {
				throw failed.original();
			}
		}
		if (ex instanceof AttributeNotFoundException missing) {
			return new RenderRuleBroken(
					"'" + missing.getAttributeName() + "' is not defined (line " + missing.getLineNumber() + ")"
							+ (missing.getCause() instanceof RenderRuleBroken cause ? ": " + cause.getMessage() : ""));
		}
		Integer line = null;
		String kind = null;
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof RenderRuleBroken rule) {
				return rule;
			}
			if (cause instanceof ClassAccessException denied) {
				return new RenderRuleBroken("templates may not call methods (line " + denied.getLineNumber() + ")");
			}
			if (cause instanceof PebbleException pebble) {
				// Pebble's LimitedSizeWriter: "Tried to write more than N chars."
				if (pebble.getPebbleMessage() != null
						&& pebble.getPebbleMessage().startsWith("Tried to write more than")) {
					return new RenderBudgetExceeded("the template renders to more than " + Renderer.MAX_FILE
							+ " characters (the output budget)");
				}
				var unknown = pebble.getPebbleMessage() == null ? null : UNKNOWN.matcher(pebble.getPebbleMessage());
				if (unknown != null && unknown.matches()) {
					// Names written in the template, not values.
					return new RenderRuleBroken("there is no " + unknown.group(1).toLowerCase(Locale.ROOT) + " '"
							+ unknown.group(2) + "' (line " + pebble.getLineNumber() + ")");
				}
				// The innermost line is the most precise (Pebble wraps with the line of
				// an if).
				line = pebble.getLineNumber() != null ? pebble.getLineNumber() : line;
			}
			kind = kind(cause, kind);
		}
		return new RenderRuleBroken("template error" + (line == null ? "" : " at line " + line) + ": "
				+ (kind != null ? kind : "the template cannot be evaluated"));
	}

	/** The innermost kind we can name. */
	private static @Nullable String kind(Throwable cause, @Nullable String outer) {
		for (var kind : KINDS.entrySet()) {
			if (kind.getKey() == cause.getClass()) {
				return kind.getValue();
			}
		}
		for (var kind : KINDS.entrySet()) {
			if (kind.getKey().isInstance(cause)) {
				return kind.getValue();
			}
		}
		return outer;
	}

}
