package io.vaas.bundle.render;

/** A bundle entry breaks a rule; the message names the rule, never a value. */
public class RenderRuleBroken extends RuntimeException {

	public RenderRuleBroken(String detail) {
		super(detail);
	}

}
