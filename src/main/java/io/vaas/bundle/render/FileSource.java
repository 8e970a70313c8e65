package io.vaas.bundle.render;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Set;

import io.vaas.bundle.output.Area;
import io.vaas.bundle.output.SessionEntry;
import tools.jackson.databind.JsonNode;

/**
 * One kind of file source: the member of a file entry that selects it, how it reads the
 * entry, and how the file is rendered. A new kind (certificates, database credentials) is
 * one class implementing this, listed in {@link FileEntries#KINDS}; its records live in a
 * module of its own and reach the renderer through {@link Sources}.
 */
public interface FileSource {

	/** The entry member that selects this kind, such as {@code template}. */
	String member();

	/**
	 * Further entry members only this kind reads (such as {@code format}); on another
	 * kind's entry they are refused.
	 */
	default Set<String> options() {
		return Set.of();
	}

	/**
	 * Reads the entry's source.
	 * @throws RenderRuleBroken naming what is wrong
	 */
	Parsed parse(JsonNode entry);

	/**
	 * One entry's source, read and checked; rendered at every fetch of a new generation.
	 */
	interface Parsed {

		/**
		 * The file's content, within the render budget of the caller.
		 * @throws RenderRuleBroken when a reference is missing or a rule is broken
		 */
		Content render(Area area, Sources sources);

	}

	/**
	 * A source whose files are made for each session when the bundle is delivered (a
	 * certificate): a render holds placeholders for them.
	 */
	interface PerSession extends Parsed {

		/** What delivery makes for each session. */
		SessionEntry entry(Area area, String path);

		/**
		 * Checks what the entry reads at every render (a secret it needs).
		 * @throws RenderRuleBroken when a reference is missing
		 */
		default void check(Sources sources) {
		}

		@Override
		default Content render(Area area, Sources sources) {
			throw new IllegalStateException("made per session, at delivery");
		}

	}

	/**
	 * @param bytes the file's content
	 * @param secret whether it holds secret material (shown redacted in previews and
	 * diffs)
	 */
	record Content(byte[] bytes, boolean secret) {

		@Override
		public String toString() {
			return "Content[" + bytes.length + " bytes" + (secret ? ", secret" : "") + "]";
		}

	}

	/** The string member {@code field} of an entry, or a broken rule. */
	static String text(JsonNode node, String field) {
		var value = node.get(field);
		if (value == null || !value.isString()) {
			throw new RenderRuleBroken(field + " must be a string");
		}
		return value.asString();
	}

	/**
	 * An entry's {@code ttl}: an ISO-8601 duration within bounds, or the default when
	 * absent.
	 * @param kind the source, named in the broken rule
	 */
	static Duration ttl(JsonNode node, String kind, Duration otherwise, Duration min, Duration max) {
		if (node == null) {
			return otherwise;
		}
		Duration ttl;
		try {
			ttl = Duration.parse(node.asString(""));
		}
		catch (DateTimeParseException ex) {
			throw new RenderRuleBroken(kind + ": ttl is an ISO-8601 duration such as \"" + otherwise + "\"");
		}
		if (ttl.compareTo(min) < 0 || ttl.compareTo(max) > 0) {
			throw new RenderRuleBroken(kind + ": ttl is " + min + " to " + max.toDays() + " days");
		}
		return ttl;
	}

}
