package io.vaas.agent;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.vaas.agent.AgentProcesses.Run;
import io.vaas.support.Agents;
import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * vaas-agent as a real process against the real server, writing into a real tmpfs root.
 */
@PostgresIntegrationTest
class AgentProcessIntegrationTests {

	@LocalServerPort
	int port;

	Api api;

	String ns;

	Path root;

	Path seedFile;

	final List<Process> processes = new ArrayList<>();

	final List<Path> outputs = new ArrayList<>();

	@BeforeEach
	void setUp() throws Exception {
		api = new Api(port);
		ns = Api.unique("agent");
		api.namespace(ns);
		var base = "/api/v1/namespaces/" + ns;
		api.put(base + "/configs/app", ADMIN_TOKEN, "{\"data\":{\"port\":3306}}").expect(201);
		api.put(base + "/secrets/db_password", ADMIN_TOKEN, "{\"value\":\"s3cr3t\"}").expect(201);
		api.put(base + "/bundles/app", ADMIN_TOKEN, """
				{"files":[{"area":"configuration","path":"app.conf","template":"port={{ config.app.port }}\\n"},
				 {"area":"secret","path":"ENV","env":{"secrets":["db_password"]}}]}""").expect(201);
		// /dev/shm is tmpfs, as /con/secret must be.
		root = Files.createDirectories(Path.of("/dev/shm", "vaas-agent-" + UUID.randomUUID()));
		seedFile = Files.createDirectories(root.resolve("seed")).resolve("token");
		Files.writeString(seedFile, new Agents(api).seed(ns, "app", "{\"maxSessionLifetime\":\"PT1H\"}"));
	}

	@AfterEach
	void tearDown() throws Exception {
		processes.forEach(Process::destroyForcibly);
		try (var walk = Files.walk(root)) {
			walk.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
	}

	@Test
	void fetchesOnceWritesEveryAreaAndResumesWithoutTheSeed() throws Exception {
		var run = agent("fetch", "--server", server(), "--root", root.toString(), "--seed-file", seedFile.toString());
		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(Files.readString(root.resolve("configuration/app.conf"))).isEqualTo("port=3306\n");
		assertThat(Files.readString(root.resolve("secret/ENV"))).isEqualTo("export DB_PASSWORD='s3cr3t'\n");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("secret/ENV"))))
			.isEqualTo("r--------");
		assertThat(root.resolve("configuration/..ready")).exists();
		assertThat(root.resolve("secret/..ready")).exists();
		var state = root.resolve("secret/..vaas-session");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rw-------");
		assertThat(run.output()).doesNotContain("s3cr3t").doesNotContain(Files.readString(seedFile));
		var session = api.get("/api/v1/namespaces/" + ns + "/agents", ADMIN_TOKEN).json().get(0);
		assertThat(session.get("lastDigestApplied").asString()).startsWith("sha256:");

		Files.delete(seedFile);
		var again = agent("fetch", "--server", server(), "--root", root.toString(), "--seed-file", seedFile.toString());
		assertThat(again.exitCode()).as(again.output()).isZero();
		assertThat(again.output()).contains("session_resumed");
		assertThat(api.get("/api/v1/namespaces/" + ns + "/agents", ADMIN_TOKEN).json().size()).isEqualTo(1);
	}

	@Test
	void watchesAndAppliesAChangeWhileItWaits() throws Exception {
		var watch = start("watch", "--server", server(), "--root", root.toString(), "--seed-file", seedFile.toString());
		var file = root.resolve("configuration/app.conf");
		waitFor(() -> Files.exists(file) && read(file).equals("port=3306\n"), 20_000);
		// Reported right before the agent starts its long-poll: the change below then
		// reaches a waiting agent, not its first fetch.
		waitFor(() -> api.get("/api/v1/namespaces/" + ns + "/agents", ADMIN_TOKEN)
			.json()
			.get(0)
			.path("lastDigestApplied")
			.isString(), 20_000);
		api.put("/api/v1/namespaces/" + ns + "/configs/app", ADMIN_TOKEN, "{\"data\":{\"port\":3307}}").expect(200);
		var changed = System.nanoTime();
		waitFor(() -> read(file).equals("port=3307\n"), 20_000);
		var millis = (System.nanoTime() - changed) / 1_000_000;
		// Quiet, this takes well under a second. The bound leaves room for a machine
		// whose cores are all busy and still proves the wake-up: unwoken, the agent
		// would see the change only when its long-poll ends, after 55 s.
		assertThat(millis).as("applied %d ms after the change", millis).isLessThan(5_000);
		assertThat(watch.isAlive()).isTrue();
	}

	@Test
	void refusesATamperedManifestAndWritesNothing() throws Exception {
		try (var proxy = new Proxy(port,
				body -> body.replaceFirst("\"content\":\"[^\"]*\"", "\"content\":\"dGFtcGVyZWQ=\""))) {
			var run = agent("fetch", "--server", "http://127.0.0.1:" + proxy.port(), "--root", root.toString(),
					"--seed-file", seedFile.toString());
			assertThat(run.exitCode()).as(run.output()).isEqualTo(ExitCode.VERIFICATION_FAILED.code());
			assertThat(root.resolve("configuration/app.conf")).doesNotExist();
			assertThat(root.resolve("configuration/..ready")).doesNotExist();
		}
	}

	@Test
	void keepsTheFilesWhileTheServerIsDownAndRecovers() throws Exception {
		var proxy = new Proxy(port, UnaryOperator.identity());
		var proxyPort = proxy.port();
		var watch = start("watch", "--server", "http://127.0.0.1:" + proxyPort, "--root", root.toString(),
				"--seed-file", seedFile.toString());
		var file = root.resolve("configuration/app.conf");
		waitFor(() -> Files.exists(file) && read(file).equals("port=3306\n"), 20_000);
		proxy.close();
		api.put("/api/v1/namespaces/" + ns + "/configs/app", ADMIN_TOKEN, "{\"data\":{\"port\":3308}}").expect(200);
		Thread.sleep(2_500);
		assertThat(read(file)).as("last good files kept").isEqualTo("port=3306\n");
		assertThat(watch.isAlive()).isTrue();
		try (var back = new Proxy(port, UnaryOperator.identity(), proxyPort)) {
			waitFor(() -> read(file).equals("port=3308\n"), 40_000);
		}
	}

	@Test
	void reloadsOncePerSwapAndEndsWithTheApplication() throws Exception {
		var reloads = root.resolve("reloads");
		// Outlives any slow run: the test ends it itself.
		var application = new ProcessBuilder("sleep", "600").start();
		processes.add(application);
		var watch = start("watch", "--server", server(), "--root", root.toString(), "--seed-file", seedFile.toString(),
				"--exec", "echo reload >> " + reloads, "--debounce", "200ms", "--exit-with-pid",
				Long.toString(application.pid()));
		waitFor(() -> lines(reloads) >= 1, 20_000);
		assertThat(Files.readAllLines(reloads)).as("the first write after a start reloads").hasSize(1);
		api.put("/api/v1/namespaces/" + ns + "/configs/app", ADMIN_TOKEN, "{\"data\":{\"port\":4000}}").expect(200);
		waitFor(() -> lines(reloads) == 2, 20_000);
		// Lets time pass to show that no second reload follows.
		Thread.sleep(1_000);
		assertThat(Files.readAllLines(reloads)).as("once per swap").hasSize(2);

		application.destroy();
		assertThat(watch.waitFor(30, TimeUnit.SECONDS)).as("watch ends with the application").isTrue();
		assertThat(watch.exitValue()).isZero();
	}

	@Test
	void signalsTheApplicationNamedInThePidFile() throws Exception {
		var hups = root.resolve("hups");
		var trapped = root.resolve("trapped");
		// A shell cannot trap a signal that was ignored when it started, and a suite run
		// under nohup passes SIGHUP on ignored: env gives the shell the default back.
		var application = new ProcessBuilder("env", "--default-signal=HUP", "/bin/sh", "-c",
				"trap 'echo hup >> " + hups + "' HUP; : > " + trapped + "; while true; do sleep 0.1; done")
			.start();
		processes.add(application);
		// A HUP before the trap is set would end the shell (the default action): the
		// agent may signal only once the shell says it is ready.
		waitFor(() -> Files.exists(trapped), 20_000);
		var pidFile = root.resolve("app.pid");
		Files.writeString(pidFile, Long.toString(application.pid()));
		start("watch", "--server", server(), "--root", root.toString(), "--seed-file", seedFile.toString(), "--signal",
				"HUP", "--pid-file", pidFile.toString(), "--debounce", "100ms");
		waitFor(() -> lines(hups) >= 1, 20_000);
		api.put("/api/v1/namespaces/" + ns + "/configs/app", ADMIN_TOKEN, "{\"data\":{\"port\":4001}}").expect(200);
		waitFor(() -> lines(hups) == 2, 20_000);
		assertThat(application.isAlive()).isTrue();
	}

	@Test
	void setsOwnersAndRunsCommandsWithTheEnvFiles() throws Exception {
		var run = agent("fetch", "--server", server(), "--root", root.toString(), "--seed-file", seedFile.toString(),
				"--uid", "1000", "--gid", "1000");
		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(Files.getAttribute(root.resolve("secret/ENV"), "unix:uid")).isEqualTo(1000);
		var exec = agent("exec", "--root", root.toString(), "--", "/bin/sh", "-c", "echo \"pw=$DB_PASSWORD\"");
		assertThat(exec.exitCode()).isZero();
		assertThat(exec.output()).contains("pw=s3cr3t");
	}

	@Test
	void doctorWarnsAboutDefaultsAndNonTmpfsSecrets() throws Exception {
		var onDisk = Files.createTempDirectory(Path.of("target"), "con");
		try {
			Files.createDirectories(onDisk.resolve("secret"));
			Files.createDirectories(onDisk.resolve("data"));
			Files.writeString(onDisk.resolve("data/DEFAULT"), "");
			var doctor = agent("doctor", "--root", onDisk.toString());
			assertThat(doctor.exitCode()).isEqualTo(ExitCode.DOCTOR_FAILED.code());
			assertThat(doctor.output()).contains("WARNING: Non persistent data directory in use! Data loss on restart!")
				.contains("is not on tmpfs");
			var refused = agent("fetch", "--server", server(), "--root", onDisk.toString(), "--seed-file",
					seedFile.toString());
			assertThat(refused.exitCode()).as(refused.output()).isEqualTo(ExitCode.WRITE_FAILED.code());
			assertThat(onDisk.resolve("secret/ENV")).doesNotExist();
		}
		finally {
			try (var walk = Files.walk(onDisk)) {
				walk.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
		}
	}

	/**
	 * 200 config updates while the agent is killed with SIGKILL at random moments and
	 * restarted; a reader that resolves {@code ..data} once per read must always see one
	 * complete set.
	 */
	@Test
	void survivesBeingKilledAtRandomMomentsWithoutATornSet() throws Exception {
		api.put("/api/v1/namespaces/" + ns + "/bundles/app", ADMIN_TOKEN, """
				{"files":[{"area":"configuration","path":"a","template":"{{ config.app.port }}"},
				 {"area":"configuration","path":"b","template":"{{ config.app.port }}"}]}""").expect(200);
		var args = new String[] { "watch", "--server", server(), "--root", root.toString(), "--seed-file",
				seedFile.toString() };
		var agent = start(args);
		var area = root.resolve("configuration");
		waitFor(() -> Files.exists(area.resolve("a")), 20_000);
		var stop = new java.util.concurrent.atomic.AtomicBoolean();
		var torn = new java.util.concurrent.ConcurrentLinkedQueue<String>();
		var reads = new java.util.concurrent.atomic.AtomicInteger();
		var reader = Thread.ofPlatform().start(() -> {
			while (!stop.get()) {
				try {
					var set = area.resolve("..data").toRealPath();
					var a = Files.readString(set.resolve("a"));
					var b = Files.readString(set.resolve("b"));
					if (!a.equals(b) || !a.matches("\\d+")) {
						torn.add(a + "|" + b);
					}
					reads.incrementAndGet();
				}
				catch (java.nio.file.NoSuchFileException ex) {
					// replaced between resolving and reading: read again
				}
				catch (IOException ex) {
					torn.add(ex.toString());
				}
			}
		});
		var random = new java.util.Random(42);
		int kills = 0;
		for (int i = 1; i <= 200; i++) {
			api.put("/api/v1/namespaces/" + ns + "/configs/app", ADMIN_TOKEN, "{\"data\":{\"port\":" + i + "}}")
				.expect(200);
			if (random.nextInt(10) == 0) {
				Thread.sleep(random.nextInt(60));
				agent.destroyForcibly().waitFor();
				kills++;
				agent = start(args);
			}
		}
		waitFor(() -> read(area.resolve("a")).equals("200") && read(area.resolve("b")).equals("200"), 60_000);
		// The previous set goes a moment after the switch to the new one, and what a
		// killed
		// agent left behind goes with the next write: wait for that too.
		waitFor(() -> sets(area) == 1, 20_000);
		stop.set(true);
		reader.join();
		assertThat(kills).isGreaterThan(5);
		assertThat(reads.get()).isPositive();
		assertThat(torn).as("torn or mixed sets seen").isEmpty();
		try (var entries = Files.list(area)) {
			assertThat(entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("..20")))
				.as("one set left after the crashes")
				.hasSize(1);
		}
	}

	private static long sets(Path area) {
		try (var entries = Files.list(area)) {
			return entries.filter(p -> p.getFileName().toString().startsWith("..20")).count();
		}
		catch (IOException ex) {
			return -1;
		}
	}

	@Test
	void endsWithDistinctExitCodes() throws Exception {
		assertThat(agent().exitCode()).isEqualTo(ExitCode.USAGE.code());
		assertThat(agent("fetch", "--root", root.toString()).exitCode()).isEqualTo(ExitCode.USAGE.code());
		assertThat(agent("fetch", "--server", "http://127.0.0.1:1", "--root", root.toString(), "--seed-file",
				seedFile.toString())
			.exitCode()).isEqualTo(ExitCode.UNREACHABLE.code());
		Files.writeString(seedFile, "vaas_seed_wrong");
		assertThat(agent("fetch", "--server", server(), "--root", root.toString(), "--seed-file", seedFile.toString())
			.exitCode()).isEqualTo(ExitCode.AUTH_REFUSED.code());
		var version = agent("version");
		assertThat(version.exitCode()).isZero();
		assertThat(version.output()).contains("vaas-agent");
	}

	private String server() {
		return "http://127.0.0.1:" + port;
	}

	private static Run agent(String... args) throws Exception {
		return AgentProcesses.run(args);
	}

	/**
	 * A long-running agent; what it prints goes to a file under {@code target/}, shown
	 * when a wait for it times out.
	 */
	private Process start(String... args) throws IOException {
		var output = Files.createDirectories(Path.of("target", "agent-output"))
			.resolve(UUID.randomUUID() + ".log")
			.toFile();
		var process = AgentProcesses.builder(args).redirectOutput(output).start();
		processes.add(process);
		outputs.add(output.toPath());
		return process;
	}

	/** What the agents this test started have printed so far. */
	private String agentOutput() {
		var text = new StringBuilder();
		for (var output : outputs) {
			text.append("--- agent output ").append(output).append('\n').append(read(output));
		}
		return text.toString();
	}

	interface Check {

		boolean holds() throws Exception;

	}

	private void waitFor(Check check, long millis) throws Exception {
		var deadline = System.currentTimeMillis() + millis;
		while (!check.holds()) {
			if (System.currentTimeMillis() >= deadline) {
				throw new AssertionError("waited " + millis + " ms; " + agentOutput());
			}
			Thread.sleep(20);
		}
	}

	/** Complete lines in a file that may not exist yet. */
	private static long lines(Path file) {
		return read(file).chars().filter(c -> c == '\n').count();
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			return "";
		}
	}

	/**
	 * A JDK HTTP server in front of the real one: to stop "the server", or to alter the
	 * manifest.
	 */
	static final class Proxy implements AutoCloseable {

		private final HttpServer server;

		Proxy(int target, UnaryOperator<String> manifest) throws IOException {
			this(target, manifest, 0);
		}

		Proxy(int target, UnaryOperator<String> manifest, int port) throws IOException {
			this(target, manifest, HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0));
		}

		/** The same, answering https with the given server side TLS context. */
		Proxy(int target, SSLContext tls) throws IOException {
			this(target, UnaryOperator.identity(), https(tls));
		}

		private static HttpServer https(SSLContext tls) throws IOException {
			var https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			https.setHttpsConfigurator(new HttpsConfigurator(tls));
			return https;
		}

		private Proxy(int target, UnaryOperator<String> manifest, HttpServer server) {
			var client = HttpClient.newHttpClient();
			this.server = server;
			server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
			server.createContext("/", exchange -> {
				try (exchange) {
					var request = HttpRequest
						.newBuilder(URI.create("http://127.0.0.1:" + target + exchange.getRequestURI()))
						.method(exchange.getRequestMethod(),
								HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()));
					exchange.getRequestHeaders().forEach((name, values) -> {
						if (!List.of("host", "content-length", "connection", "upgrade", "http2-settings", "expect")
							.contains(name.toLowerCase())) {
							values.forEach(value -> request.header(name, value));
						}
					});
					var response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
					var body = exchange.getRequestURI().getPath().equals("/api/v1/agent/bundle")
							? manifest.apply(response.body()) : response.body();
					response.headers().map().forEach((name, values) -> {
						if (!List.of("content-length", "transfer-encoding", "connection")
							.contains(name.toLowerCase())) {
							exchange.getResponseHeaders().put(name, values);
						}
					});
					var bytes = body.getBytes(StandardCharsets.UTF_8);
					exchange.sendResponseHeaders(response.statusCode(),
							response.statusCode() == 304 ? -1 : bytes.length);
					if (response.statusCode() != 304) {
						exchange.getResponseBody().write(bytes);
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			server.start();
		}

		int port() {
			return server.getAddress().getPort();
		}

		@Override
		public void close() {
			server.stop(0);
		}

	}

}
