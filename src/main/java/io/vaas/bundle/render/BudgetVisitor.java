package io.vaas.bundle.render;

import java.util.ArrayList;

import io.pebbletemplates.pebble.extension.AbstractNodeVisitor;
import io.pebbletemplates.pebble.node.AbstractRenderableNode;
import io.pebbletemplates.pebble.node.BodyNode;
import io.pebbletemplates.pebble.node.MacroNode;
import io.pebbletemplates.pebble.node.PrintNode;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.node.SetNode;
import io.pebbletemplates.pebble.node.expression.FilterExpression;
import io.pebbletemplates.pebble.node.expression.RenderableNodeExpression;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;

/**
 * Puts the budget into a parsed template. It runs after Pebble's own visitors (which
 * register macros) and changes the tree in place: every child of every body becomes a
 * step of the budget (prints and sets become their guarded versions), an empty body a
 * step of its own, and every macro body counts the nesting of macro calls. A body's
 * children are the parser's own mutable list; a macro keeps its body node, so the body's
 * children are what is wrapped.
 */
final class BudgetVisitor extends AbstractNodeVisitor {

	BudgetVisitor(PebbleTemplateImpl template) {
		super(template);
	}

	@Override
	public void visit(BodyNode body) {
		var children = body.getChildren();
		for (int i = 0; i < children.size(); i++) {
			var child = children.get(i);
			child.accept(this);
			children.set(i, guarded(child, body.getLineNumber()));
		}
		if (children.isEmpty()) {
			children.add(new GuardedNodes.Empty(body.getLineNumber()));
		}
	}

	@Override
	public void visit(MacroNode macro) {
		super.visit(macro);
		var body = macro.getBody();
		var inner = new BodyNode(body.getLineNumber(), new ArrayList<>(body.getChildren()));
		body.getChildren().clear();
		body.getChildren().add(new GuardedNodes.Macro(inner, body.getLineNumber()));
	}

	/**
	 * {@code {% filter … %}…{% endfilter %}} hides its body in the print's expression.
	 */
	@Override
	public void visit(PrintNode print) {
		super.visit(print);
		var expression = print.getExpression();
		while (expression instanceof FilterExpression filter) {
			expression = filter.getLeftExpression();
		}
		if (expression instanceof RenderableNodeExpression body) {
			body.getNode().accept(this);
		}
	}

	private static RenderableNode guarded(RenderableNode child, int bodyLine) {
		int line = child instanceof AbstractRenderableNode node ? node.getLineNumber() : bodyLine;
		return switch (child) {
			case PrintNode print -> new GuardedNodes.Print(print.getExpression(), line);
			case SetNode set -> new GuardedNodes.Set(set.getName(), set.getValue(), line);
			default -> new GuardedNodes.Step(child, line);
		};
	}

}
