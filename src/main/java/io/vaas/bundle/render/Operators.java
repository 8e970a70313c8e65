package io.vaas.bundle.render;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import io.pebbletemplates.pebble.node.expression.AddExpression;
import io.pebbletemplates.pebble.node.expression.BinaryExpression;
import io.pebbletemplates.pebble.node.expression.ConcatenateExpression;
import io.pebbletemplates.pebble.node.expression.ContainsExpression;
import io.pebbletemplates.pebble.node.expression.SubtractExpression;
import io.pebbletemplates.pebble.operator.BinaryOperator;
import io.pebbletemplates.pebble.operator.BinaryOperatorImpl;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import io.pebbletemplates.pebble.utils.OperatorUtils;
import org.jspecify.annotations.Nullable;

/**
 * The operators that build strings and lists or search them, within budget. Pebble's
 * {@code +} and {@code -} change the list on their left ({@code addAll},
 * {@code removeAll}), so {@code l + l} in a loop doubled one list in place; here they
 * make a new one. The others ({@code *}, {@code /}, comparisons) work on numbers only,
 * whose size Pebble already bounds (it computes decimals as {@code double}).
 */
final class Operators {

	private static final Map<String, Supplier<BinaryExpression<?>>> REPLACED = Map.of("+", Add::new, "-", Subtract::new,
			"~", Concatenate::new, "contains", Contains::new);

	private Operators() {
	}

	/** Pebble's core operators with those that build or search replaced. */
	static List<BinaryOperator> replace(List<BinaryOperator> operators) {
		return operators.stream()
			.map(operator -> REPLACED.containsKey(operator.getSymbol())
					? new BinaryOperatorImpl(operator.getSymbol(), operator.getPrecedence(),
							REPLACED.get(operator.getSymbol()), operator.getType(), operator.getAssociativity())
					: operator)
			.toList();
	}

	static String concat(String left, String right, int line) {
		if ((long) left.length() + right.length() > Renderer.MAX_FILE) {
			throw Values.tooLong(line);
		}
		var text = left + right;
		Budget.charge(text.length());
		return text;
	}

	/** {@code a + b}: text if either is text, a new list if the left is a list. */
	static final class Add extends AddExpression {

		@Override
		public @Nullable Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
			var left = getLeftExpression().evaluate(self, context);
			var right = getRightExpression().evaluate(self, context);
			Budget.step();
			if (left instanceof String || right instanceof String || left instanceof SafeString
					|| right instanceof SafeString) {
				return concat(Values.text(left, getLineNumber()), Values.text(right, getLineNumber()), getLineNumber());
			}
			if (left instanceof List<?> list) {
				var items = right instanceof Collection<?> more ? more : Collections.singletonList(right);
				if ((long) list.size() + items.size() > Budget.MAX_ITEMS) {
					throw Values.tooMany(getLineNumber());
				}
				var sum = new ArrayList<@Nullable Object>(list);
				sum.addAll(items);
				return Values.freeze(sum, getLineNumber());
			}
			try {
				return OperatorUtils.add(left, right);
			}
			catch (RuntimeException ex) {
				throw new PebbleException(ex, "Could not perform addition", getLineNumber(), self.getName());
			}
		}

	}

	/** {@code a - b}: a new list without b's items if the left is a list. */
	static final class Subtract extends SubtractExpression {

		@Override
		public @Nullable Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
			var left = getLeftExpression().evaluate(self, context);
			var right = getRightExpression().evaluate(self, context);
			Budget.step();
			if (left instanceof List<?> list) {
				var rest = new ArrayList<@Nullable Object>(list);
				if (right instanceof Collection<?> items) {
					rest.removeIf(item -> {
						Budget.step();
						return items.contains(item);
					});
				}
				else {
					rest.remove(right);
				}
				return Values.freeze(rest, getLineNumber());
			}
			try {
				return OperatorUtils.subtract(left, right);
			}
			catch (RuntimeException ex) {
				throw new PebbleException(ex, "Could not perform subtraction", getLineNumber(), self.getName());
			}
		}

	}

	/** {@code a ~ b}: text of both, as Pebble writes them, within the size budget. */
	static final class Concatenate extends ConcatenateExpression {

		@Override
		public String evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
			var left = getLeftExpression().evaluate(self, context);
			var right = getRightExpression().evaluate(self, context);
			Budget.step();
			return concat(left == null ? "" : Values.text(left, getLineNumber()),
					right == null ? "" : Values.text(right, getLineNumber()), getLineNumber());
		}

	}

	/** {@code a contains b}: text searched in linear time. */
	static final class Contains extends ContainsExpression {

		@Override
		public Boolean evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
			var left = getLeftExpression().evaluate(self, context);
			if (left == null) {
				return false;
			}
			var right = getRightExpression().evaluate(self, context);
			Budget.step();
			return switch (left) {
				case String text -> Substrings.contains(text, Values.text(right, getLineNumber()));
				case Collection<?> items when right instanceof Collection<?> all -> items.containsAll(all);
				case Collection<?> items -> items.contains(right);
				case Map<?, ?> map -> map.containsKey(right);
				default -> {
					if (left.getClass().isArray()
							&& Values.freeze(left, getLineNumber()) instanceof Collection<?> items) {
						yield items.contains(right);
					}
					throw new PebbleException(null, "contains works on text, lists and maps", getLineNumber(),
							self.getName());
				}
			};
		}

	}

}
