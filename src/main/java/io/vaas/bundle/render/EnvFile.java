package io.vaas.bundle.render;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code ENV} files (SPEC §1, §3): one {@code export NAME='value'} line per variable, for
 * an entrypoint to source with {@code . /con/configuration/ENV}. Names are upper-cased
 * with every character other than {@code A-Z0-9} turned into {@code _}; values are
 * single-quoted, a quote written as {@code '\''}, so nothing in a value is ever expanded
 * or run.
 */
public final class EnvFile {

	private EnvFile() {
	}

	/**
	 * {@code db.port} → {@code DB_PORT}; {@code db-password} → {@code DB_PASSWORD}; with
	 * the prefix in front.
	 */
	public static String name(String prefix, String key) {
		var name = (prefix + key).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
		if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
			throw new RenderRuleBroken("variable names must not be empty or start with a digit; use a prefix");
		}
		return name;
	}

	public static String quote(String value) {
		return "'" + value.replace("'", "'\\''") + "'";
	}

	/**
	 * The file for the variables, sorted by name so the same variables give the same
	 * bytes.
	 */
	public static String render(Map<String, String> variables) {
		var out = new StringBuilder();
		new TreeMap<>(variables)
			.forEach((name, value) -> out.append("export ").append(name).append('=').append(quote(value)).append('\n'));
		return out.toString();
	}

}
