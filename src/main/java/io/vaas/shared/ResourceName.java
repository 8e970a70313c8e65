package io.vaas.shared;

import java.util.regex.Pattern;

/**
 * The name of a config, secret or bundle inside a namespace
 * ({@code [a-z0-9]([a-z0-9_-]{0,61}[a-z0-9])?}).
 *
 * @param value the validated name
 */
public record ResourceName(String value) implements Comparable<ResourceName> {

	private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9_-]{0,61}[a-z0-9])?");

	public ResourceName {
		if (value == null || !NAME.matcher(value).matches()) {
			throw new InvalidName("name", "lower-case letters, digits, '_' and '-', 1 to 63 characters, "
					+ "starting and ending with a letter or digit");
		}
	}

	public static ResourceName of(String value) {
		return new ResourceName(value);
	}

	@Override
	public int compareTo(ResourceName other) {
		return value.compareTo(other.value);
	}

	@Override
	public String toString() {
		return value;
	}

}
