package io.vaas.support;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The PostgreSQL the integration tests run against (SPEC §6), resolved once per test run
 * ({@link DatabaseChoice}) and printed in one line: the server in
 * {@code VAAS_TEST_DB_URL} when set, else a Testcontainers PostgreSQL when its image is
 * at hand, else the PostgreSQL on {@code 127.0.0.1:5432}. On that server it creates a
 * fresh database of its own and drops it when the JVM exits (a container goes away as a
 * whole). It never skips: if no database can be had, the tests fail and say why.
 */
public final class TestDatabase {

	/** Where the database comes from. */
	public enum Source {

		/** {@code VAAS_TEST_DB_URL}. */
		URL,

		/**
		 * One Testcontainers PostgreSQL for the run ({@code VAAS_TEST_POSTGRES_IMAGE}).
		 */
		DOCKER,

		/** The PostgreSQL on 127.0.0.1:5432 (trust auth, user postgres). */
		LOCAL

	}

	/** A database on a server. */
	public record Fresh(String url, String user, String password) {
	}

	private static DatabaseChoice choice;

	private static Fresh fresh;

	private static Fresh server;

	private TestDatabase() {
	}

	public static synchronized Source source() {
		if (choice == null) {
			choice = DatabaseChoice.resolve(TestDatabase::setting, new TestcontainersEngine());
			System.out.println(choice.line());
		}
		return choice.source();
	}

	/** The fresh database of this run, created on first use. */
	public static synchronized Fresh fresh() {
		if (fresh == null) {
			fresh = separate();
		}
		return fresh;
	}

	/**
	 * A database of its own, for a test that must share neither data nor a master key
	 * with the rest of the run (a server process started with its own data directory).
	 */
	public static synchronized Fresh separate() {
		if (server == null) {
			server = server();
		}
		var name = "vaas_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		execute(server, "CREATE DATABASE " + name);
		if (source() != Source.DOCKER) {
			var on = server;
			Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(on, name)));
		}
		return new Fresh(withDatabase(server.url(), name), server.user(), server.password());
	}

	private static Fresh server() {
		if (source() == Source.DOCKER) {
			var container = new PostgreSQLContainer(
					DockerImageName.parse(choice.target()).asCompatibleSubstituteFor("postgres"));
			container.start();
			return new Fresh(container.getJdbcUrl(), container.getUsername(), container.getPassword());
		}
		var url = source() == Source.URL ? setting("VAAS_TEST_DB_URL") : DatabaseChoice.LOCAL_URL;
		return new Fresh(url, settingOr("VAAS_TEST_DB_USER", "postgres"), settingOr("VAAS_TEST_DB_PASSWORD", ""));
	}

	static String withDatabase(String url, String database) {
		var query = url.indexOf('?');
		var base = query < 0 ? url : url.substring(0, query);
		var params = query < 0 ? "" : url.substring(query);
		var slash = base.indexOf('/', "jdbc:postgresql://".length());
		var server = slash < 0 ? base : base.substring(0, slash);
		return server + "/" + database + params;
	}

	private static void drop(Fresh server, String name) {
		try {
			execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
		}
		catch (IllegalStateException ex) {
			System.err.println("Could not drop test database " + name + ": " + ex.getMessage());
		}
	}

	private static void execute(Fresh server, String sql) {
		try (var connection = DriverManager.getConnection(server.url(), server.user(), server.password());
				var statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(
					"No PostgreSQL for the tests at " + DatabaseChoice.withoutParameters(server.url()) + " ("
							+ ex.getMessage() + "). Set VAAS_TEST_DB_URL, start Docker, or start the local PostgreSQL "
							+ "(pg_ctlcluster --skip-systemctl-redirect <version> main start).",
					ex);
		}
	}

	/**
	 * An environment variable, or the system property of the same name in dotted lower
	 * case.
	 */
	private static String setting(String name) {
		var value = System.getenv(name);
		return value != null ? value : System.getProperty(name.toLowerCase(Locale.ROOT).replace('_', '.'));
	}

	private static String settingOr(String name, String fallback) {
		var value = setting(name);
		return value == null ? fallback : value;
	}

}
