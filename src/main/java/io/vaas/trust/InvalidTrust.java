package io.vaas.trust;

/** A trust body that breaks a rule (400), naming the field. */
public class InvalidTrust extends RuntimeException {

	private final String field;

	public InvalidTrust(String field, String detail) {
		super(field + ": " + detail);
		this.field = field;
	}

	public String field() {
		return field;
	}

}
