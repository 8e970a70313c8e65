package io.vaas.bundle.render;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.attributes.AttributeResolver;
import io.pebbletemplates.pebble.attributes.ResolvedAttribute;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Extension;
import io.pebbletemplates.pebble.extension.ExtensionCustomizer;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.extension.NodeVisitorFactory;
import io.pebbletemplates.pebble.loader.StringLoader;
import io.pebbletemplates.pebble.node.ArgumentsNode;
import io.pebbletemplates.pebble.operator.BinaryOperator;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import io.pebbletemplates.pebble.tokenParser.TokenParser;
import org.jspecify.annotations.Nullable;

/**
 * The Pebble engine templates run in. Templates come from strings only, no method can be
 * called and no field read, an unknown variable or key is an error, output is not
 * escaped, the locale is {@link Locale#ROOT} (so output does not depend on the server),
 * and what needs other templates, threads, a shared cache or the clock is refused. Every
 * filter, function, operator and node that can compute, loop or nest takes steps of the
 * rendering's {@link Budget}.
 */
final class Sandbox {

	/**
	 * Need other templates (which a string loader takes to be their own text), threads,
	 * or a cache shared by every bundle, or do nothing without them.
	 */
	static final Set<String> REFUSED_TAGS = Set.of("include", "import", "from", "extends", "embed", "block", "parallel",
			"cache", "flush");

	/**
	 * The clock and the server's locale ({@code date}); resource bundles ({@code i18n}).
	 */
	static final Set<String> REFUSED_FILTERS = Set.of("date");

	static final Set<String> REFUSED_FUNCTIONS = Set.of("i18n");

	/** Filters that turn any input into text with {@code toString()}. */
	private static final Set<String> TEXT_INPUT = Set.of("upper", "lower", "raw", "base64encode");

	static final PebbleEngine ENGINE = settings().registerExtensionCustomizer(Customizer::new)
		.extension(new BudgetExtension())
		.build();

	private Sandbox() {
	}

	/** The engine's settings without the budget (the benchmark's baseline). */
	static PebbleEngine.Builder settings() {
		return new PebbleEngine.Builder().loader(new StringLoader())
			.strictVariables(true)
			.autoEscaping(false)
			.newLineTrimming(false)
			.cacheActive(false)
			.defaultLocale(Locale.ROOT)
			// All writers of one template together: macro output counts too.
			.maxRenderedSize(Renderer.MAX_FILE)
			.methodAccessValidator((object, method) -> false);
	}

	/** Pebble's own extensions (core, escaper, i18n, attributes), reworked. */
	static final class Customizer extends ExtensionCustomizer {

		Customizer(Extension extension) {
			super(extension);
		}

		@Override
		public @Nullable List<TokenParser> getTokenParsers() {
			var parsers = super.getTokenParsers();
			return parsers == null ? null : parsers.stream()
				.map(parser -> REFUSED_TAGS.contains(parser.getTag()) ? new Guards.RefusedTag(parser.getTag()) : parser)
				.toList();
		}

		@Override
		public @Nullable List<BinaryOperator> getBinaryOperators() {
			var operators = super.getBinaryOperators();
			return operators == null ? null : Operators.replace(operators);
		}

		@Override
		public @Nullable Map<String, Filter> getFilters() {
			var filters = super.getFilters();
			if (filters == null) {
				return null;
			}
			var guarded = new HashMap<String, Filter>();
			filters.forEach((name, filter) -> guarded.put(name, filter(name, filter)));
			return guarded;
		}

		private static Filter filter(String name, Filter filter) {
			if (REFUSED_FILTERS.contains(name)) {
				return new Guards.RefusedFilter(name);
			}
			return switch (name) {
				// Pebble tells these apart by class; default returns its input or
				// argument.
				case "default" -> filter;
				case "escape" -> new SafeFilters.Escape();
				case "join" -> new Guards.GuardedFilter(name, new SafeFilters.Join(), false);
				case "replace" -> new Guards.GuardedFilter(name, new SafeFilters.Replace(), false);
				case "split" -> new Guards.GuardedFilter(name, new SafeFilters.Split(), false);
				case "sort" -> new Guards.GuardedFilter(name, new SafeFilters.Sort(false), false);
				case "rsort" -> new Guards.GuardedFilter(name, new SafeFilters.Sort(true), false);
				case "reverse" -> new Guards.GuardedFilter(name, new SafeFilters.Reverse(), false);
				default -> new Guards.GuardedFilter(name, filter, TEXT_INPUT.contains(name));
			};
		}

		@Override
		public @Nullable Map<String, Function> getFunctions() {
			var functions = super.getFunctions();
			if (functions == null) {
				return null;
			}
			var guarded = new HashMap<String, Function>();
			functions.forEach((name, function) -> guarded.put(name,
					REFUSED_FUNCTIONS.contains(name) ? new Guards.RefusedFunction(name)
							: new Guards.GuardedFunction(name, name.equals("range") ? new LazyRange() : function)));
			return guarded;
		}

	}

	/**
	 * The budget visitor (added after Pebble's, so it runs after them) and the attribute
	 * guard (asked before Pebble's resolver).
	 */
	static final class BudgetExtension extends AbstractExtension {

		@Override
		public List<NodeVisitorFactory> getNodeVisitors() {
			return List.of(template -> new BudgetVisitor((PebbleTemplateImpl) template));
		}

		@Override
		public List<AttributeResolver> getAttributeResolver() {
			return List.of(Sandbox::attribute);
		}

	}

	/**
	 * Keys of maps and items of lists only: Pebble would otherwise read public fields
	 * ({@code {{ port.TYPE }}} wrote {@code int}), which the method validator does not
	 * cover.
	 */
	private static @Nullable ResolvedAttribute attribute(@Nullable Object instance, Object name,
			Object @Nullable [] arguments, ArgumentsNode args, EvaluationContextImpl context, String file, int line) {
		if (instance == null || (arguments == null
				&& (instance instanceof Map || instance instanceof List || instance.getClass().isArray()))) {
			return null;
		}
		throw new RenderRuleBroken("templates may not call methods or read fields (line " + line + ")");
	}

}
