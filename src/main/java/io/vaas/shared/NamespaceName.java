package io.vaas.shared;

import java.util.regex.Pattern;

/**
 * The name of a namespace: a DNS label ({@code [a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?}).
 *
 * @param value the validated name
 */
public record NamespaceName(String value) implements Comparable<NamespaceName> {

	private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

	public NamespaceName {
		if (value == null || !DNS_LABEL.matcher(value).matches()) {
			throw new InvalidName("namespace", "a DNS label: lower-case letters, digits and '-', 1 to 63 characters, "
					+ "starting and ending with a letter or digit");
		}
	}

	public static NamespaceName of(String value) {
		return new NamespaceName(value);
	}

	@Override
	public int compareTo(NamespaceName other) {
		return value.compareTo(other.value);
	}

	@Override
	public String toString() {
		return value;
	}

}
