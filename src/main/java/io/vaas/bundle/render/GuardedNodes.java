package io.vaas.bundle.render;

import java.io.IOException;
import java.io.Writer;

import io.pebbletemplates.pebble.extension.NodeVisitor;
import io.pebbletemplates.pebble.node.AbstractRenderableNode;
import io.pebbletemplates.pebble.node.BodyNode;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.node.expression.Expression;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;

/** The nodes {@link BudgetVisitor} puts into a template. */
final class GuardedNodes {

	private GuardedNodes() {
	}

	/** A node that is a step of the budget each time it renders. */
	static final class Step extends AbstractRenderableNode {

		private final RenderableNode node;

		Step(RenderableNode node, int line) {
			super(line);
			this.node = node;
		}

		@Override
		public void render(PebbleTemplateImpl self, Writer writer, EvaluationContextImpl context) throws IOException {
			Budget.step();
			node.render(self, writer, context);
		}

		@Override
		public void accept(NodeVisitor visitor) {
			node.accept(visitor);
		}

	}

	/**
	 * What an empty body becomes: a step, so that {@code {% for %}{% endfor %}} over a
	 * long list is counted too.
	 */
	static final class Empty extends AbstractRenderableNode {

		Empty(int line) {
			super(line);
		}

		@Override
		public void render(PebbleTemplateImpl self, Writer writer, EvaluationContextImpl context) {
			Budget.step();
		}

		@Override
		public void accept(NodeVisitor visitor) {
		}

	}

	/** {@code {{ … }}}, written as {@link Values#print} makes it. */
	static final class Print extends AbstractRenderableNode {

		private final Expression<?> expression;

		Print(Expression<?> expression, int line) {
			super(line);
			this.expression = expression;
		}

		@Override
		public void render(PebbleTemplateImpl self, Writer writer, EvaluationContextImpl context) throws IOException {
			Budget.step();
			var value = expression.evaluate(self, context);
			if (value != null) {
				writer.write(Values.print(value, getLineNumber()));
			}
		}

		@Override
		public void accept(NodeVisitor visitor) {
		}

	}

	/** {@code {% set name = … %}}, with lists and maps stored {@link Frozen}. */
	static final class Set extends AbstractRenderableNode {

		private final String name;

		private final Expression<?> value;

		Set(String name, Expression<?> value, int line) {
			super(line);
			this.name = name;
			this.value = value;
		}

		@Override
		public void render(PebbleTemplateImpl self, Writer writer, EvaluationContextImpl context) {
			Budget.step();
			context.getScopeChain().set(name, Values.freeze(value.evaluate(self, context), getLineNumber()));
		}

		@Override
		public void accept(NodeVisitor visitor) {
		}

	}

	/** A macro's body: counts how deeply macros call each other. */
	static final class Macro extends AbstractRenderableNode {

		private final BodyNode body;

		Macro(BodyNode body, int line) {
			super(line);
			this.body = body;
		}

		@Override
		public void render(PebbleTemplateImpl self, Writer writer, EvaluationContextImpl context) throws IOException {
			var budget = Budget.current();
			budget.enterMacro(getLineNumber());
			try {
				body.render(self, writer, context);
			}
			finally {
				budget.exitMacro();
			}
		}

		@Override
		public void accept(NodeVisitor visitor) {
			body.accept(visitor);
		}

	}

}
