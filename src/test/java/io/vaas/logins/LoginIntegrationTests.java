package io.vaas.logins;

import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import io.vaas.keys.DataKeyWrapper;
import io.vaas.support.Agents;
import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import io.vaas.support.Replicas;
import io.vaas.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Database logins made per session (SPEC §7.3) on the suite's own PostgreSQL server: a
 * session's rendered login connects, is a role of its own with {@code VALID UNTIL}, is
 * dropped within 5 s of the session's revocation, and the reaper drops the logins of
 * sessions that vanished and of a half-made login; concurrent first fetches of one
 * session make one role; a statement the database refuses is a 502 that names its SQL
 * state and no password.
 * <p>
 * The suite's PostgreSQL trusts local connections, so it does not check the password at
 * login; that a password was set is read from {@code pg_authid} (a SCRAM verifier).
 */
@PostgresIntegrationTest
class LoginIntegrationTests {

	static final String CREATE = "CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiry}}'";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	IssuedLogins logins;

	@Autowired
	DataKeyWrapper wrapper;

	@Autowired
	JdbcConnectionDetails database;

	Api api;

	Agents agents;

	String ns;

	final List<String> roles = new ArrayList<>();

	@BeforeEach
	void setUp() {
		api = new Api(port);
		agents = new Agents(api);
		ns = Api.unique("logins");
		api.namespace(ns);
		var admin = TestDatabase.fresh();
		api.put("/api/v1/namespaces/" + ns + "/secrets/pg-admin", ADMIN_TOKEN,
				"{\"value\":\"" + (admin.password().isEmpty() ? "trusted-locally" : admin.password()) + "\"}")
			.expect(201);
		api.put("/api/v1/namespaces/" + ns + "/bundles/app", ADMIN_TOKEN,
				bundle(List.of(CREATE, "COMMENT ON ROLE \"{{name}}\" IS 'vaas login until {{expiry}}'"), "env"))
			.expect(201);
	}

	/**
	 * Whatever a test left on the server goes: roles are the cluster's, not a database's.
	 */
	@AfterEach
	void dropRoles() {
		jdbc.queryForList("select role_name from database_logins where namespace = ?", String.class, ns)
			.forEach(roles::add);
		roles.forEach(role -> jdbc.execute("DROP ROLE IF EXISTS \"" + role + "\""));
	}

	String bundle(List<String> statements, String format) {
		var admin = TestDatabase.fresh();
		var json = new StringBuilder("{\"files\":[{\"area\":\"secret\",\"path\":\"db.env\",\"database\":{")
			.append("\"connection\":{\"url\":\"")
			.append(url())
			.append("\",\"username\":\"")
			.append(admin.user())
			.append("\",\"passwordSecret\":\"pg-admin\"},\"statements\":[");
		for (var i = 0; i < statements.size(); i++) {
			json.append(i == 0 ? "" : ",").append(quote(statements.get(i)));
		}
		// No IF EXISTS: a second drop of one login would fail, and show.
		return json.append("],\"revocationStatements\":[")
			.append(quote("DROP ROLE \"{{name}}\""))
			.append("],\"ttl\":\"PT1H\",\"format\":\"")
			.append(format)
			.append("\"}}]}")
			.toString();
	}

	/** The suite's database URL, without parameters (a bundle's URL takes none). */
	static String url() {
		return TestDatabase.fresh().url().replaceAll("\\?.*$", "");
	}

	static String quote(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	@Test
	void aSessionGetsALoginOfItsOwnThatConnectsAndIsDroppedWithin5sOfItsRevocation() throws Exception {
		var token = agents.accessToken(agents.seed(ns, "app", "{}"));
		var first = fetch(token, null).expect(200);
		var env = env(file(first, "secret/db.env"));
		assertThat(env).containsOnlyKeys("DB_URL", "DB_USERNAME", "DB_PASSWORD");
		assertThat(env.get("DB_URL")).isEqualTo(url());
		assertThat(env.get("DB_PASSWORD")).matches("[A-Za-z0-9]{32}");
		var role = env.get("DB_USERNAME");
		assertThat(role).startsWith("vaas_");
		assertThat(mode(first, "secret/db.env")).isEqualTo("0400");

		try (var connection = DriverManager.getConnection(env.get("DB_URL"), role, env.get("DB_PASSWORD"));
				var statement = connection.createStatement();
				var result = statement.executeQuery("select current_user")) {
			assertThat(result.next()).isTrue();
			assertThat(result.getString(1)).isEqualTo(role);
		}
		var row = jdbc.queryForMap("select rolcanlogin, rolvaliduntil from pg_roles where rolname = ?", role);
		assertThat(row.get("rolcanlogin")).isEqualTo(true);
		var validUntil = ((java.sql.Timestamp) row.get("rolvaliduntil")).toInstant();
		assertThat(Duration.between(Instant.now(), validUntil)).isBetween(Duration.ofMinutes(55), Duration.ofHours(1));
		assertThat(jdbc.queryForObject("select rolpassword from pg_authid where rolname = ?", String.class, role))
			.as("a password was set")
			.startsWith("SCRAM-SHA-256$");

		// The same session keeps its login; another session gets its own.
		assertThat(fetch(token, first.header("ETag")).status()).isEqualTo(304);
		var other = env(
				file(fetch(agents.accessToken(agents.seed(ns, "app", "{}")), null).expect(200), "secret/db.env"));
		assertThat(other.get("DB_USERNAME")).isNotEqualTo(role);
		assertThat(other.get("DB_PASSWORD")).isNotEqualTo(env.get("DB_PASSWORD"));

		// Revoked: the role is gone within 5 s.
		var session = api.call("GET", "/api/v1/agent/session")
			.token(token)
			.send()
			.expect(200)
			.json()
			.get("session")
			.asString();
		api.delete("/api/v1/namespaces/" + ns + "/agents/" + session, ADMIN_TOKEN).expect(204);
		var revokedAt = System.nanoTime();
		while (exists(role) || !dropped(role)) {
			assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).as("the role is dropped within 5 s")
				.isLessThan(Duration.ofSeconds(5));
			Thread.sleep(20);
		}
		assertThat(exists(other.get("DB_USERNAME"))).as("the other session's login stays").isTrue();

		// Audited, never a password.
		assertThat(api.auditCount("action=database-login.create&namespace=" + ns, 2)).isGreaterThanOrEqualTo(2);
		assertThat(api.get("/api/v1/audit?namespace=" + ns, ADMIN_TOKEN).body()).contains(role)
			.doesNotContain(env.get("DB_PASSWORD"))
			.doesNotContain(other.get("DB_PASSWORD"));
	}

	@Test
	void concurrentFirstFetchesOfOneSessionMakeOneLogin() throws Exception {
		var token = agents.accessToken(agents.seed(ns, "app", "{}"));
		var tasks = new ArrayList<Callable<String>>();
		for (var i = 0; i < 8; i++) {
			tasks.add(() -> env(file(fetch(token, null).expect(200), "secret/db.env")).get("DB_USERNAME"));
		}
		var names = new HashSet<String>();
		try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
			for (var future : pool.invokeAll(tasks)) {
				names.add(future.get());
			}
		}
		assertThat(names).hasSize(1);
		assertThat(jdbc.queryForObject("select count(*) from database_logins where namespace = ?", Long.class, ns))
			.isEqualTo(1);
		assertThat(exists(names.iterator().next())).isTrue();
	}

	/** Two servers on one database, each fetching for one session at once: one login. */
	@Test
	void twoReplicasMakeOneLoginForASessionAndOneOfThemDropsIt() throws Exception {
		try (var other = Replicas.start(database)) {
			var replica = Replicas.api(other);
			var token = agents.accessToken(agents.seed(ns, "app", "{}"));
			var tasks = new ArrayList<Callable<String>>();
			for (var i = 0; i < 8; i++) {
				var through = i % 2 == 0 ? api : replica;
				tasks.add(() -> env(file(through.call("GET", "/api/v1/agent/bundle").token(token).send().expect(200),
						"secret/db.env"))
					.get("DB_USERNAME"));
			}
			var names = new HashSet<String>();
			try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
				for (var future : pool.invokeAll(tasks)) {
					names.add(future.get());
				}
			}
			assertThat(names).as("one login, whichever replica answered").hasSize(1);
			var role = names.iterator().next();
			assertThat(jdbc.queryForObject("select count(*) from database_logins where namespace = ?", Long.class, ns))
				.isEqualTo(1);

			// Both replicas reap; one at a time: the role is dropped once, within 5 s.
			var session = replica.call("GET", "/api/v1/agent/session")
				.token(token)
				.send()
				.json()
				.get("session")
				.asString();
			replica.delete("/api/v1/namespaces/" + ns + "/agents/" + session, ADMIN_TOKEN).expect(204);
			var revokedAt = System.nanoTime();
			while (exists(role) || !dropped(role)) {
				assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofSeconds(5));
				Thread.sleep(20);
			}
			assertThat(jdbc.queryForObject(
					"select drop_attempts from database_logins where namespace = ? and dropped_at is not null",
					Integer.class, ns))
				.as("no failed drop")
				.isZero();
		}
	}

	@Test
	void theReaperDropsTheLoginsOfSessionsThatVanishedAndOfAHalfMadeOne() throws Exception {
		var vanished = orphan(IssuedLogin.ACTIVE, Instant.now());
		var halfMade = orphan(IssuedLogin.CREATING, Instant.now().minus(Duration.ofMinutes(2)));
		var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (exists(vanished) || exists(halfMade) || !dropped(vanished) || !dropped(halfMade)) {
			assertThat(System.nanoTime()).as("the reaper drops both within 10 s").isLessThan(deadline);
			Thread.sleep(20);
		}
		assertThat(jdbc.queryForObject(
				"select count(*) from database_logins where namespace = ? and dropped_at is null", Long.class, ns))
			.isZero();
	}

	/** A role and its record, as a crash leaves them: a session that no longer exists. */
	private String orphan(String state, Instant createdAt) {
		var role = "vaas_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		jdbc.execute("CREATE ROLE \"" + role + "\" WITH LOGIN");
		roles.add(role);
		var id = UUID.randomUUID();
		var admin = TestDatabase.fresh();
		var login = new IssuedLogin(id, UUID.randomUUID() + ":orphan", UUID.randomUUID(), ns, "app", "secret/db.env",
				role, wrapper.wrap("unused".getBytes(StandardCharsets.UTF_8), IssuedLogin.context(id)), admin.url(),
				admin.user(), "pg-admin", "[\"DROP ROLE IF EXISTS \\\"{{name}}\\\"\"]",
				createdAt.plus(Duration.ofHours(1)), createdAt.plus(Duration.ofMinutes(40)), createdAt);
		if (state.equals(IssuedLogin.ACTIVE)) {
			login.active();
		}
		logins.saveAndFlush(login);
		return role;
	}

	@Test
	void aRefusedStatementIsA502ThatNamesTheSqlStateAndNoPassword() {
		api.put("/api/v1/namespaces/" + ns + "/bundles/broken", ADMIN_TOKEN,
				bundle(List.of(CREATE, "SELECT ('{{password}}' || '{{name}}')::int"), "json"))
			.expect(201);
		var token = agents.accessToken(agents.seed(ns, "broken", "{}"));
		var reply = fetch(token, null);
		reply.expectProblem(502, "database-login-failed");
		// The database's message repeats the value it could not read: the password is
		// taken out.
		assertThat(reply.json().get("detail").asString()).contains("22P02")
			.contains("secret/db.env")
			.contains("(redacted)vaas_")
			.doesNotContainPattern("[A-Za-z0-9]{32}vaas_");
		assertThat(reply.body()).doesNotContain("PASSWORD '")
			.doesNotContain(
					TestDatabase.fresh().password().isEmpty() ? "trusted-locally" : TestDatabase.fresh().password());
		// Nothing was made: the statements ran in one transaction.
		assertThat(jdbc.queryForList("select role_name from database_logins where namespace = ? and state = 'failed'",
				String.class, ns))
			.singleElement()
			.satisfies(role -> assertThat(exists(role)).isFalse());
	}

	@Test
	void aDatabaseLoginIsCheckedWhenSaved() {
		var base = "/api/v1/namespaces/" + ns + "/bundles/";
		var admin = TestDatabase.fresh();
		var connection = "\"connection\":{\"url\":\"" + url() + "\",\"username\":\"postgres\",\"passwordSecret\":";
		for (var entry : List.of(
				"{\"area\":\"configuration\",\"path\":\"db.env\",\"database\":{" + connection
						+ "\"pg-admin\"},\"statements\":[" + quote(CREATE) + "]}}",
				"{\"area\":\"secret\",\"path\":\"db.env\",\"database\":{" + connection
						+ "\"pg-admin\"},\"statements\":[\"CREATE ROLE \\\"{{name}}\\\" LOGIN\"]}}",
				"{\"area\":\"secret\",\"path\":\"db.env\",\"database\":{" + connection
						+ "\"pg-admin\"},\"statements\":[" + quote(CREATE.replace("{{expiry}}", "{{tomorrow}}"))
						+ "]}}",
				"{\"area\":\"secret\",\"path\":\"db.env\",\"database\":{" + connection
						+ "\"no-such-secret\"},\"statements\":[" + quote(CREATE) + "]}}",
				"{\"area\":\"secret\",\"path\":\"db.env\",\"database\":{\"connection\":{\"url\":\"mysql://db/app\","
						+ "\"username\":\"root\",\"passwordSecret\":\"pg-admin\"},\"statements\":[" + quote(CREATE)
						+ "]}}")) {
			var reply = api.put(base + "checked", ADMIN_TOKEN, "{\"files\":[" + entry + "]}");
			assertThat(reply.status()).as(entry).isEqualTo(422);
		}
		api.get(base + "checked", ADMIN_TOKEN).expect(404);
	}

	private Api.Reply fetch(String token, String etag) {
		var call = api.call("GET", "/api/v1/agent/bundle").token(token);
		if (etag != null) {
			call.header("If-None-Match", etag);
		}
		return call.send();
	}

	/** Whether the login's record says it was dropped (a moment after the role went). */
	private boolean dropped(String role) {
		return jdbc.queryForObject(
				"select count(*) from database_logins where role_name = ? and dropped_at is not null", Long.class,
				role) > 0;
	}

	private boolean exists(String role) {
		return jdbc.queryForObject("select count(*) from pg_roles where rolname = ?", Long.class, role) > 0;
	}

	private static String file(Api.Reply reply, String key) {
		for (JsonNode file : reply.json().get("files")) {
			if ((file.get("area").asString() + "/" + file.get("path").asString()).equals(key)) {
				return new String(Base64.getDecoder().decode(file.get("content").asString()), StandardCharsets.UTF_8);
			}
		}
		throw new AssertionError("no " + key + " in " + reply.body());
	}

	private static String mode(Api.Reply reply, String key) {
		for (JsonNode file : reply.json().get("files")) {
			if ((file.get("area").asString() + "/" + file.get("path").asString()).equals(key)) {
				return file.get("mode").asString();
			}
		}
		throw new AssertionError("no " + key);
	}

	/** {@code export NAME='value'} lines. */
	private static Map<String, String> env(String text) {
		var env = new HashMap<String, String>();
		for (var line : text.split("\n")) {
			var matcher = java.util.regex.Pattern.compile("export ([A-Z_]+)='([^']*)'").matcher(line);
			assertThat(matcher.matches()).as(line).isTrue();
			env.put(matcher.group(1), matcher.group(2));
		}
		return env;
	}

}
