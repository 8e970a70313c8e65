package io.vaas.operator;

/**
 * A token just created: the only time its value is shown.
 *
 * @param token the bearer value, {@code vaas_op_…}
 * @param view everything else about it
 */
public record IssuedToken(String token, TokenView view) {

	@Override
	public String toString() {
		return "IssuedToken[view=" + view + "]";
	}

}
