package io.vaas.shared;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.http.converter.HttpMessageNotReadableException;

import static io.vaas.shared.FrameworkProblemAdvice.causedBy;

/**
 * What was wrong with a request body that could not be read, as a problem's detail: names
 * the property or the line and column, never the submitted text.
 */
final class UnreadableBodies {

	/** Jackson's message for a property given twice; it has no type of its own. */
	private static final String DUPLICATE = "Duplicate Object property";

	private UnreadableBodies() {
	}

	static String describe(HttpMessageNotReadableException ex) {
		if (causedBy(ex, StreamConstraintsException.class) != null) {
			return "The body is nested too deeply (at most 500 levels) or holds a number, text or property name "
					+ "longer than the parser accepts";
		}
		var unknown = causedBy(ex, UnrecognizedPropertyException.class);
		if (unknown != null) {
			return "Unknown property '" + unknown.getPropertyName() + "'";
		}
		var syntax = causedBy(ex, StreamReadException.class);
		if (syntax != null && syntax.getOriginalMessage() != null
				&& syntax.getOriginalMessage().startsWith(DUPLICATE)) {
			var where = syntax.processor() == null ? null : path(syntax.processor().streamReadContext());
			return where == null ? "A property is given more than once"
					: "Property '" + where + "' is given more than once";
		}
		if (syntax != null && syntax.getLocation() != null) {
			return "The body is not valid JSON (line " + syntax.getLocation().getLineNr() + ", column "
					+ syntax.getLocation().getColumnNr() + ")";
		}
		var mapping = causedBy(ex, JacksonException.class);
		if (mapping != null && !mapping.getPath().isEmpty()) {
			return "Property '" + path(mapping) + "' " + expected(mapping);
		}
		if (ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing")) {
			return "A request body is required";
		}
		return "The body could not be read as JSON of the expected shape";
	}

	private static String expected(JacksonException ex) {
		var target = ex instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
		if (target == Instant.class) {
			return "must be " + TimeRanges.INSTANT_RULE;
		}
		if (target == Duration.class) {
			return "must be " + TimeRanges.DURATION_RULE;
		}
		return "has the wrong type or format";
	}

	private static String path(JacksonException ex) {
		var out = new StringBuilder();
		for (var reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				out.append(out.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else {
				out.append('[').append(reference.getIndex()).append(']');
			}
		}
		return out.toString();
	}

	/**
	 * The path of the property the parser stopped at, as {@code data.db.port} or
	 * {@code files[2].path}; null when a name on it is not fit to repeat.
	 */
	static @Nullable String path(@Nullable TokenStreamContext context) {
		var segments = new ArrayDeque<String>();
		for (var at = context; at != null && !at.inRoot(); at = at.getParent()) {
			if (at.inArray()) {
				segments.push("[" + at.getCurrentIndex() + "]");
			}
			else if (at.currentName() != null) {
				if (!Texts.isWellFormed(at.currentName())) {
					return null;
				}
				segments.push(at.currentName());
			}
		}
		var out = new StringBuilder();
		for (var segment : segments) {
			out.append(segment.startsWith("[") || out.isEmpty() ? "" : ".").append(segment);
		}
		return out.isEmpty() ? null : out.toString();
	}

}
