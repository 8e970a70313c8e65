package io.vaas.shared;

/**
 * A name in a path or body breaks its rule. Carries which kind of name and the rule,
 * never the offending input (it may be a pasted secret).
 */
public class InvalidName extends RuntimeException {

	private final String kind;

	public InvalidName(String kind, String rule) {
		super("Invalid " + kind + ": must be " + rule);
		this.kind = kind;
	}

	public String kind() {
		return kind;
	}

}
