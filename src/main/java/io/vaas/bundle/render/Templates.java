package io.vaas.bundle.render;

import java.io.IOException;
import java.io.StringWriter;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.AttributeNotFoundException;
import io.pebbletemplates.pebble.error.ClassAccessException;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.loader.StringLoader;
import tools.jackson.databind.JsonNode;

/**
 * Pebble, strict and sandboxed: templates come from strings only (no file or class
 * loading), no method may be called on any object, an unknown variable or key is an
 * error, and output is not escaped (these are configuration files, not HTML). A template
 * sees {@code config} and {@code secret}, which resolve names in the bundle's namespace
 * only, on first use ({@code config.mariadb.port}, {@code config["my-app"].port},
 * {@code secret.db_password}, pinned as {@code config["mariadb@3"]}).
 */
final class Templates {

	private static final PebbleEngine ENGINE = new PebbleEngine.Builder().loader(new StringLoader())
		.strictVariables(true)
		.autoEscaping(false)
		.newLineTrimming(false)
		.cacheActive(false)
		// Stops a runaway template early; Renderer checks the bytes of every file.
		.maxRenderedSize(Renderer.MAX_FILE)
		.methodAccessValidator((object, method) -> false)
		.build();

	private Templates() {
	}

	/**
	 * A template's output, and whether it read a secret (then the file is as secret as
	 * the secret: redacted in previews, its diff only changed or not).
	 */
	record Output(String text, boolean readSecret) {
	}

	static Output render(String template, Sources sources) {
		var context = new HashMap<String, Object>();
		var readSecret = new java.util.concurrent.atomic.AtomicBoolean();
		context.put("config", new Lookup(name -> toJava(sources.config(Reference.parse(name)))));
		context.put("secret", new Lookup(name -> {
			readSecret.set(true);
			return new String(sources.secret(Reference.parse(name)), java.nio.charset.StandardCharsets.UTF_8);
		}));
		var out = new StringWriter();
		try {
			ENGINE.getTemplate(template).evaluate(out, context);
		}
		catch (StackOverflowError ex) {
			throw new RenderRuleBroken("the template calls itself too deeply");
		}
		catch (AttributeNotFoundException ex) {
			throw new RenderRuleBroken("'" + ex.getAttributeName() + "' is not defined (line " + ex.getLineNumber()
					+ ")" + (ex.getCause() instanceof RenderRuleBroken cause ? ": " + cause.getMessage() : ""));
		}
		catch (ClassAccessException ex) {
			throw new RenderRuleBroken("templates may not call methods (line " + ex.getLineNumber() + ")");
		}
		catch (RenderRuleBroken ex) {
			throw ex;
		}
		catch (PebbleException ex) {
			// Pebble's LimitedSizeWriter: "Tried to write more than N chars."
			if (ex.getPebbleMessage() != null && ex.getPebbleMessage().startsWith("Tried to write more than")) {
				throw new RenderRuleBroken("the template renders to more than " + Renderer.MAX_FILE + " characters");
			}
			throw new RenderRuleBroken(
					"template error" + (ex.getLineNumber() == null ? "" : " at line " + ex.getLineNumber()) + ": "
							+ ex.getClass().getSimpleName().replace("Exception", "").toLowerCase());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return new Output(out.toString(), readSecret.get());
	}

	static Object toJava(JsonNode node) {
		return switch (node.getNodeType()) {
			case OBJECT -> {
				var map = new LinkedHashMap<String, Object>();
				node.properties().forEach(entry -> map.put(entry.getKey(), toJava(entry.getValue())));
				yield map;
			}
			case NUMBER -> node.numberValue();
			case BOOLEAN -> node.booleanValue();
			default -> node.asString();
		};
	}

	/**
	 * {@code config} and {@code secret}: a map that loads a name when a template asks for
	 * it, and says it holds nothing else (no iteration over the namespace).
	 */
	static final class Lookup extends AbstractMap<String, Object> {

		private final Function<String, Object> loader;

		private final Map<String, Object> loaded = new HashMap<>();

		private final Map<String, RenderRuleBroken> missing = new HashMap<>();

		Lookup(Function<String, Object> loader) {
			this.loader = loader;
		}

		@Override
		public boolean containsKey(Object key) {
			if (!(key instanceof String name)) {
				return false;
			}
			if (loaded.containsKey(name)) {
				return true;
			}
			if (missing.containsKey(name)) {
				return false;
			}
			try {
				loaded.put(name, loader.apply(name));
				return true;
			}
			catch (RenderRuleBroken ex) {
				missing.put(name, ex);
				return false;
			}
		}

		@Override
		public Object get(Object key) {
			if (!containsKey(key)) {
				var failure = missing.get(key);
				throw failure != null ? failure : new RenderRuleBroken("not defined");
			}
			return loaded.get(key);
		}

		@Override
		public boolean isEmpty() {
			return false;
		}

		@Override
		public Set<Entry<String, Object>> entrySet() {
			throw new RenderRuleBroken("templates may not list every config or secret");
		}

	}

}
