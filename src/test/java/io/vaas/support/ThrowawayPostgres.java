package io.vaas.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of a test's own, made with the machine's {@code initdb} and
 * {@code pg_ctl} in a temporary directory, so the test can stop and start it: a real
 * outage, not a mocked data source. As root (CI) the server runs as the {@code postgres}
 * user, since PostgreSQL refuses to run as root.
 */
public final class ThrowawayPostgres implements AutoCloseable {

	private final Path bin;

	private final Path directory;

	private final int port;

	private final boolean asPostgresUser;

	private ThrowawayPostgres(Path bin, Path directory, int port, boolean asPostgresUser) {
		this.bin = bin;
		this.directory = directory;
		this.port = port;
		this.asPostgresUser = asPostgresUser;
	}

	/** Creates and starts one. */
	public static ThrowawayPostgres start() throws IOException, InterruptedException {
		var bin = binaries();
		var directory = Files.createTempDirectory("vaas-pg-");
		var asPostgresUser = "root".equals(System.getProperty("user.name"));
		if (asPostgresUser) {
			run(List.of("chown", "postgres:postgres", directory.toString()), false);
		}
		var postgres = new ThrowawayPostgres(bin, directory, freePort(), asPostgresUser);
		postgres.command(List.of(bin.resolve("initdb").toString(), "-D", postgres.data().toString(), "-A", "trust",
				"-U", "postgres", "--no-sync", "-E", "UTF8"));
		postgres.up();
		return postgres;
	}

	public String url() {
		return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
	}

	/** Starts the server and waits until it takes connections. */
	public void up() throws IOException, InterruptedException {
		command(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-l",
				directory.resolve("server.log").toString(), "-w", "-t", "60", "-o",
				"-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
	}

	/** Stops the server the way an operator's restart does ({@code -m fast}). */
	public void down() throws IOException, InterruptedException {
		command(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "fast", "-w", "-t", "60",
				"stop"));
	}

	@Override
	public void close() throws IOException, InterruptedException {
		try {
			if (Files.exists(data().resolve("postmaster.pid"))) {
				down();
			}
		}
		finally {
			try (Stream<Path> walk = Files.walk(directory)) {
				walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
		}
	}

	private Path data() {
		return directory.resolve("data");
	}

	private void command(List<String> command) throws IOException, InterruptedException {
		var full = new ArrayList<String>();
		if (asPostgresUser) {
			full.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		full.addAll(command);
		run(full, true);
	}

	private static void run(List<String> command, boolean showOutput) throws IOException, InterruptedException {
		var process = new ProcessBuilder(command).redirectErrorStream(true).start();
		var output = new String(process.getInputStream().readAllBytes());
		if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException(
					"'" + String.join(" ", command) + "' failed" + (showOutput ? ":\n" + output : ""));
		}
	}

	/** The newest PostgreSQL under {@code /usr/lib/postgresql} (Debian's layout). */
	private static Path binaries() throws IOException {
		var root = Path.of("/usr/lib/postgresql");
		try (Stream<Path> versions = Files.list(root)) {
			return versions.map(version -> version.resolve("bin"))
				.filter(bin -> Files.isExecutable(bin.resolve("initdb")))
				.max(Comparator.comparing((Path bin) -> Integer.parseInt(bin.getParent().getFileName().toString())))
				.orElseThrow(() -> new IllegalStateException("No PostgreSQL server binaries under " + root));
		}
	}

	private static int freePort() throws IOException {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
