package io.vaas.bundle.render;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.vaas.bundle.output.DatabaseSpec;
import io.vaas.bundle.output.SessionEntry;
import tools.jackson.databind.JsonNode;

/**
 * {@code "database": {"connection": {"url", "username", "passwordSecret"}, "statements":
 * […], "revocationStatements": […], "ttl": "PT1H", "format": "env"}} (SPEC §7.3): a
 * PostgreSQL login role made for each session, written as an ENV file ({@code DB_URL},
 * {@code DB_USERNAME}, {@code DB_PASSWORD}) or JSON; secret area only. The admin password
 * is a secret of the namespace, checked at every render.
 */
final class DatabaseSource implements FileSource {

	static final List<String> DEFAULT_REVOCATION = List.of("DROP ROLE IF EXISTS \"{{name}}\"");

	static final Duration DEFAULT_TTL = Duration.ofHours(1);

	static final Duration MIN_TTL = Duration.ofMinutes(1);

	static final Duration MAX_TTL = Duration.ofDays(30);

	static final int MAX_STATEMENTS = 20;

	static final int MAX_STATEMENT = 2000;

	private static final Set<String> FIELDS = Set.of("connection", "statements", "revocationStatements", "ttl",
			"format");

	/**
	 * A PostgreSQL URL: host, optional port, database; no credentials, quotes, spaces or
	 * parameters (which could override the connection's timeouts).
	 */
	private static final Pattern URL = Pattern
		.compile("(jdbc:)?postgresql://[A-Za-z0-9.\\-]{1,253}(:[0-9]{1,5})?/[A-Za-z0-9_.\\-]{1,63}");

	private static final Pattern USERNAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]{0,62}");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");

	@Override
	public String member() {
		return "database";
	}

	@Override
	public Parsed parse(JsonNode entry) {
		if (!"secret".equals(entry.path("area").asString(""))) {
			throw new RenderRuleBroken("a database login goes in the secret area (it holds a password)");
		}
		if (entry.has("mode")) {
			throw new RenderRuleBroken("a database login's file is 0400");
		}
		var spec = spec(entry.get(member()));
		return new FileSource.PerSession() {

			@Override
			public SessionEntry entry(io.vaas.bundle.output.Area area, String path) {
				return new SessionEntry(area, path, spec);
			}

			@Override
			public void check(Sources sources) {
				sources.secret(new Reference(spec.passwordSecret(), spec.passwordSecretVersion()));
			}

		};
	}

	static DatabaseSpec spec(JsonNode node) {
		if (node == null || !node.isObject()) {
			throw new RenderRuleBroken("database is an object: {\"connection\": …, \"statements\": […], …}");
		}
		for (var name : node.propertyNames()) {
			if (!FIELDS.contains(name)) {
				throw new RenderRuleBroken("database: unknown field '" + name + "'");
			}
		}
		var connection = node.get("connection");
		if (connection == null || !connection.isObject() || connection.size() != 3) {
			throw new RenderRuleBroken("database: connection is {\"url\", \"username\", \"passwordSecret\"}");
		}
		var url = connection.path("url").asString("");
		if (!URL.matcher(url).matches()) {
			throw new RenderRuleBroken("database: connection.url is postgresql://host:port/database");
		}
		var username = connection.path("username").asString("");
		if (!USERNAME.matcher(username).matches()) {
			throw new RenderRuleBroken("database: connection.username is a PostgreSQL role name");
		}
		Reference secret;
		try {
			secret = Reference.parse(connection.path("passwordSecret").asString(""));
		}
		catch (RenderRuleBroken ex) {
			throw new RenderRuleBroken("database: connection.passwordSecret names a secret (name or name@version)");
		}
		var statements = statements(node.get("statements"), "statements", null);
		if (statements.stream().noneMatch(statement -> statement.contains("{{password}}"))) {
			throw new RenderRuleBroken("database: a statement sets the role's password with {{password}}");
		}
		var revocation = statements(node.get("revocationStatements"), "revocationStatements", DEFAULT_REVOCATION);
		var format = node.has("format") ? node.get("format").asString("") : "env";
		if (!format.equals("env") && !format.equals("json")) {
			throw new RenderRuleBroken("database: format is env or json");
		}
		return new DatabaseSpec(url, username, secret.name(), secret.version(), statements, revocation,
				FileSource.ttl(node.get("ttl"), "database", DEFAULT_TTL, MIN_TTL, MAX_TTL), format);
	}

	private static List<String> statements(JsonNode node, String field, List<String> otherwise) {
		if (node == null && otherwise != null) {
			return otherwise;
		}
		if (node == null || !node.isArray() || node.isEmpty() || node.size() > MAX_STATEMENTS) {
			throw new RenderRuleBroken("database: " + field + " is an array of 1 to " + MAX_STATEMENTS + " statements");
		}
		var statements = new ArrayList<String>();
		for (var statement : node) {
			if (!statement.isString() || statement.asString().isBlank()
					|| statement.asString().length() > MAX_STATEMENT) {
				throw new RenderRuleBroken(
						"database: " + field + " holds statements of at most " + MAX_STATEMENT + " characters");
			}
			var matcher = PLACEHOLDER.matcher(statement.asString());
			while (matcher.find()) {
				if (!Set.of("name", "password", "expiry").contains(matcher.group(1))) {
					throw new RenderRuleBroken("database: " + field
							+ " may use {{name}}, {{password}} and {{expiry}} only, not {{" + matcher.group(1) + "}}");
				}
			}
			if (!statement.asString().contains("{{name}}")) {
				throw new RenderRuleBroken("database: every statement in " + field + " names the role with {{name}}");
			}
			statements.add(statement.asString());
		}
		return statements;
	}

}
