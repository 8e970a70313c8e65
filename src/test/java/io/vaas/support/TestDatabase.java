package io.vaas.support;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

import org.testcontainers.DockerClientFactory;

/**
 * Resolves the PostgreSQL database the integration tests run against (SPEC §6), once per
 * test run: the server in {@code VAAS_TEST_DB_URL} when set, else Testcontainers when a
 * Docker engine answers, else the PostgreSQL on {@code 127.0.0.1:5432}. On a server it
 * creates a fresh database of its own and drops it when the JVM exits. It never skips: if
 * no database can be had, the tests fail and say why.
 */
public final class TestDatabase {

	/** Where the database comes from. */
	public enum Source {

		/** {@code VAAS_TEST_DB_URL}. */
		URL,

		/** A Testcontainers PostgreSQL, wired with {@code @ServiceConnection}. */
		DOCKER,

		/** The PostgreSQL on 127.0.0.1:5432 (trust auth, user postgres). */
		LOCAL

	}

	/** A fresh database on a server. */
	public record Fresh(String url, String user, String password) {
	}

	private static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

	private static Source source;

	private static Fresh fresh;

	private TestDatabase() {
	}

	public static synchronized Source source() {
		if (source == null) {
			if (!env("VAAS_TEST_DB_URL", "").isBlank()) {
				source = Source.URL;
			}
			else if (DockerClientFactory.instance().isDockerAvailable()) {
				source = Source.DOCKER;
			}
			else {
				source = Source.LOCAL;
			}
		}
		return source;
	}

	/**
	 * The fresh database for {@link Source#URL} and {@link Source#LOCAL}, created on
	 * first use.
	 */
	public static synchronized Fresh fresh() {
		if (fresh == null) {
			var admin = source() == Source.URL ? env("VAAS_TEST_DB_URL", "") : LOCAL_URL;
			var user = env("VAAS_TEST_DB_USER", "postgres");
			var password = env("VAAS_TEST_DB_PASSWORD", "");
			var name = "vaas_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
			execute(admin, user, password, "CREATE DATABASE " + name);
			fresh = new Fresh(withDatabase(admin, name), user, password);
			Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(admin, user, password, name)));
		}
		return fresh;
	}

	static String withDatabase(String url, String database) {
		var query = url.indexOf('?');
		var base = query < 0 ? url : url.substring(0, query);
		var params = query < 0 ? "" : url.substring(query);
		var slash = base.indexOf('/', "jdbc:postgresql://".length());
		var server = slash < 0 ? base : base.substring(0, slash);
		return server + "/" + database + params;
	}

	private static void drop(String admin, String user, String password, String name) {
		try {
			execute(admin, user, password, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
		}
		catch (IllegalStateException ex) {
			System.err.println("Could not drop test database " + name + ": " + ex.getMessage());
		}
	}

	private static void execute(String url, String user, String password, String sql) {
		try (var connection = DriverManager.getConnection(url, user, password);
				var statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("No PostgreSQL for the tests at " + url + " (" + ex.getMessage()
					+ "). Set VAAS_TEST_DB_URL, start Docker, or start the local PostgreSQL "
					+ "(pg_ctlcluster --skip-systemctl-redirect <version> main start).", ex);
		}
	}

	private static String env(String name, String fallback) {
		var value = System.getenv(name);
		if (value == null) {
			value = System.getProperty(name.toLowerCase(Locale.ROOT).replace('_', '.'));
		}
		return value == null ? fallback : value;
	}

}
