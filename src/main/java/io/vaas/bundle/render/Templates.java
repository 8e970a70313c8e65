package io.vaas.bundle.render;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A template rendered in the {@link Sandbox}. It sees {@code config} and {@code secret},
 * which resolve names in the bundle's namespace only, on first use
 * ({@code config.mariadb.port}, {@code config["my-app"].port},
 * {@code secret.db_password}, pinned as {@code config["mariadb@3"]}); Pebble's own
 * {@code _context}, {@code template} and {@code locale} are refused.
 */
final class Templates {

	private Templates() {
	}

	/**
	 * A template's output, and whether it read a secret (then the file is as secret as
	 * the secret: redacted in previews, its diff only changed or not).
	 */
	record Output(String text, boolean readSecret) {
	}

	static Output render(String template, Sources sources) {
		var readSecret = new AtomicBoolean();
		var context = new Variables();
		context.put("config", new Lookup(name -> toJava(read(() -> sources.config(Reference.parse(name))))));
		context.put("secret", new Lookup(name -> {
			readSecret.set(true);
			return new String(read(() -> sources.secret(Reference.parse(name))), StandardCharsets.UTF_8);
		}));
		var out = new StringWriter();
		try {
			Budget.current().checkClock();
			Sandbox.ENGINE.getTemplate(template).evaluate(out, context);
		}
		catch (StackOverflowError ex) {
			throw new RenderBudgetExceeded("the template calls itself or nests too deeply (the nesting budget)");
		}
		catch (RuntimeException ex) {
			throw TemplateErrors.of(ex);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return new Output(out.toString(), readSecret.get());
	}

	/**
	 * A config or secret from the sources; a failure of the sources themselves (the
	 * database is down) is marked, so that it leaves the renderer as it came and not as a
	 * template error.
	 */
	private static <T> T read(Supplier<T> source) {
		try {
			return source.get();
		}
		catch (RenderRuleBroken ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new SourceFailed(ex);
		}
	}

	/** Reading a config or secret failed for a reason that is not the template's. */
	static final class SourceFailed extends RuntimeException {

		SourceFailed(RuntimeException cause) {
			super(cause);
		}

		RuntimeException original() {
			return (RuntimeException) getCause();
		}

	}

	static @Nullable Object toJava(JsonNode node) {
		return switch (node.getNodeType()) {
			case OBJECT -> {
				var map = new LinkedHashMap<Object, @Nullable Object>();
				node.properties().forEach(entry -> map.put(entry.getKey(), toJava(entry.getValue())));
				yield new FrozenMap(map);
			}
			case NUMBER -> node.numberValue();
			case BOOLEAN -> node.booleanValue();
			default -> node.asString();
		};
	}

	/**
	 * The variables a template starts with. Pebble puts {@code _context} (the scope
	 * chain), {@code template} (the compiled template) and {@code locale} below them, so
	 * a variable of the same name here hides them: asking for one is an error.
	 */
	static final class Variables extends HashMap<String, Object> {

		static final Set<String> RESERVED = Set.of("_context", "template", "locale");

		@Override
		public @Nullable Object get(Object key) {
			return super.get(reserved(key));
		}

		@Override
		public boolean containsKey(Object key) {
			return super.containsKey(reserved(key));
		}

		@Override
		public @Nullable Object put(String key, Object value) {
			return super.put((String) reserved(key), value);
		}

		private static Object reserved(Object key) {
			if (RESERVED.contains(key)) {
				throw new RenderRuleBroken("'" + key + "' is reserved and not available in templates");
			}
			return key;
		}

	}

	/**
	 * {@code config} and {@code secret}: a map that loads a name when a template asks for
	 * it, and says it holds nothing else (no iteration over the namespace).
	 */
	static final class Lookup extends AbstractMap<String, Object> implements Frozen {

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
			catch (RenderBudgetExceeded ex) {
				throw ex;
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
