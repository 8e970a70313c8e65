package io.vaas.bundle.render;

/**
 * Rendering went over one of its budgets (time, nesting, size of a value, or everything
 * the templates computed together); the message names the budget, never a value.
 */
public class RenderBudgetExceeded extends RenderRuleBroken {

	public RenderBudgetExceeded(String detail) {
		super(detail);
	}

}
