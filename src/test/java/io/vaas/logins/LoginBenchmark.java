package io.vaas.logins;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Login roles made on the local PostgreSQL (127.0.0.1:5432, user postgres) as
 * {@link TargetDatabase} makes them for a session: a connection of its own, the
 * {@code CREATE ROLE … VALID UNTIL} statement in a transaction, commit. Beside it, the
 * floor: the same statement on a connection already open. The roles are dropped at the
 * end of each iteration. Run with
 * {@code ./mvnw -Pbench test-compile exec:exec -Djmh.args="LoginBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LoginBenchmark {

	static final String URL = System.getProperty("vaas.bench.db-url", "jdbc:postgresql://127.0.0.1:5432/postgres");

	static final String CREATE = "CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiry}}'";

	private final TargetDatabase target = new TargetDatabase();

	private final List<String> made = new ArrayList<>();

	private Connection open;

	@Setup
	public void connect() throws Exception {
		open = DriverManager.getConnection(URL, "postgres", "");
		open.setAutoCommit(false);
	}

	/** What a session's first fetch does on the operator's database. */
	@Benchmark
	public void roleAsIssued() {
		var name = name();
		target.execute(URL, "postgres", "", List.of(CREATE), values(name), "benchmark");
	}

	/** The floor: the statement alone, on an open connection. */
	@Benchmark
	public void roleOnAnOpenConnection() throws Exception {
		try (var statement = open.createStatement()) {
			statement.execute(TargetDatabase.fill(CREATE, values(name())));
		}
		open.commit();
	}

	private synchronized String name() {
		var name = "vaas_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		made.add(name);
		return name;
	}

	private static Map<String, String> values(String name) {
		return DatabaseLogins.values(name, "Bench" + UUID.randomUUID().toString().replace("-", ""),
				Instant.now().plusSeconds(3600));
	}

	@TearDown(Level.Iteration)
	public synchronized void dropRoles() throws Exception {
		try (var statement = open.createStatement()) {
			for (var name : made) {
				statement.execute("DROP ROLE IF EXISTS \"" + name + "\"");
			}
		}
		open.commit();
		made.clear();
	}

	@TearDown
	public void close() throws Exception {
		open.close();
	}

}
