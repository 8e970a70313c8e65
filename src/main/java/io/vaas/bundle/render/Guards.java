package io.vaas.bundle.render;

import java.util.List;
import java.util.Map;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.lexer.Token;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.parser.Parser;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import io.pebbletemplates.pebble.tokenParser.TokenParser;
import org.jspecify.annotations.Nullable;

/**
 * Pebble's filters, functions and tags as templates get them: each call a step of the
 * budget, each result within the size budget ({@link Values#admit}), an unexpected
 * exception a template error with a line number; or refused with a message that says so.
 */
final class Guards {

	private Guards() {
	}

	/**
	 * A filter with its input and result kept within budget.
	 *
	 * @param textInput the filter turns its input into text itself ({@code toString()}),
	 * so it gets text made within the size budget instead
	 */
	record GuardedFilter(String name, Filter filter, boolean textInput) implements Filter {

		@Override
		public @Nullable List<String> getArgumentNames() {
			return filter.getArgumentNames();
		}

		@Override
		public @Nullable Object apply(@Nullable Object input, Map<String, Object> args, PebbleTemplate self,
				EvaluationContext context, int line) {
			Budget.step();
			var value = textInput && input != null && !(input instanceof String) ? Values.text(input, line) : input;
			try {
				return Values.admit(filter.apply(value, args, self, context, line), line);
			}
			catch (PebbleException | RenderRuleBroken ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				throw new PebbleException(ex, "filter " + name + " failed", line, self.getName());
			}
		}

	}

	/** A function with its result kept within budget. */
	record GuardedFunction(String name, Function function) implements Function {

		@Override
		public @Nullable List<String> getArgumentNames() {
			return function.getArgumentNames();
		}

		@Override
		public @Nullable Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
				int line) {
			Budget.step();
			try {
				return Values.admit(function.execute(args, self, context, line), line);
			}
			catch (PebbleException | RenderRuleBroken ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				throw new PebbleException(ex, "function " + name + " failed", line, self.getName());
			}
		}

	}

	/** A filter templates may not use. */
	record RefusedFilter(String name) implements Filter {

		@Override
		public @Nullable List<String> getArgumentNames() {
			return null;
		}

		@Override
		public Object apply(@Nullable Object input, Map<String, Object> args, PebbleTemplate self,
				EvaluationContext context, int line) {
			throw new RenderRuleBroken("the filter '" + name + "' is not available in templates (line " + line + ")");
		}

	}

	/** A function templates may not use. */
	record RefusedFunction(String name) implements Function {

		@Override
		public @Nullable List<String> getArgumentNames() {
			return null;
		}

		@Override
		public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
			throw new RenderRuleBroken("the function '" + name + "' is not available in templates (line " + line + ")");
		}

	}

	/** A tag templates may not use: refused when the template is read. */
	record RefusedTag(String tag) implements TokenParser {

		@Override
		public String getTag() {
			return tag;
		}

		@Override
		public RenderableNode parse(Token token, Parser parser) {
			throw new RenderRuleBroken(
					"the tag '" + tag + "' is not available in templates (line " + token.getLineNumber() + ")");
		}

	}

}
