import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Holds N concurrent long-polls (GET /api/v1/agent/bundle?wait=…) on one server, each on a
 * keep-alive connection of its own with a session of its own, and times how fast a change
 * reaches them. One thread and one selector drive all N connections (plain HTTP/1.1 over
 * non-blocking sockets), so the client costs little of the 2 cores it shares with the server;
 * VAAS_BENCH_CLIENT_THREADS=k spreads them over k such threads (a fleet does not read its answers
 * one after another).
 * <p>
 * First every connection fetches once with If-None-Match (304), so what is timed later is the
 * server's wake, not connection set-up; then every connection sends its long-poll, and once the
 * server counts them as waiting (its vaas_agents_waiting gauge) it prints "HELD …" (in later
 * rounds "READY round r …"). On a line from stdin it changes the config they render from through WRITE_BASE (the same server or
 * another replica on the same database) and times each answer from the moment the write was
 * acknowledged (its response received) to the moment the answer's last byte was read; an answer
 * read before the acknowledgement counts as 0 ms and is counted apart, and the same figures are
 * also given from the moment the write was sent, which no answer can precede. With VAAS_BENCH_CPU
 * ("name=pid,…", see CpuTicks) it also prints the CPU each process used from the write until the
 * last answer, and before each write it waits (at most 30 s) until those processes are quiet, so
 * the previous round's tail (its audit events being chained) is not timed with the next.
 * That is done ROUNDS times (default 3; the first also finds the server's code for the wake not yet
 * compiled), each with every connection waiting again with the digest it was last sent. Each
 * round's CPU line gives the time of day the write was sent (UTC, as the JVM's -Xlog:…:time and
 * JFR print theirs), so a GC pause or a compilation in the servers' logs can be placed inside or
 * outside that round's wake.
 * Usage: java bench/Waits.java POLL_BASE TOKENS_FILE DIGEST N WAIT_SECONDS ADMIN_TOKEN WRITE_BASE VALUE [ROUNDS]
 * [METRICS_BASE] (where the polled server's gauge is read; POLL_BASE unless given)
 * Prints "HELD …" once all wait, then "ANSWERED round r …" with p50, p99 and max in milliseconds for
 * each round, then "DONE", and keeps its connections open until a line from stdin, or its end,
 * says it is done (so the server's closing them is not in a profile of the last round). Exits with
 * 1 when a round does not find every poll waiting before the change, when a poll is answered
 * before the change, or when an answer is not a whole 200 with a new digest (ETag): the outcomes are counted as "200", "200 same digest", "lost" (the connection
 * ended before the whole answer was read), "none" (no answer yet), or the other status.
 */
public class Waits {

	public static void main(String[] args) throws Exception {
		var base = URI.create(args[0]);
		var tokens = Files.readAllLines(Path.of(args[1]));
		var digest = args[2];
		int n = Integer.parseInt(args[3]);
		int wait = Integer.parseInt(args[4]);
		var admin = args[5];
		var writeBase = args[6];
		var value = args[7];
		var connections = new WaitsConnection[n];
		for (int i = 0; i < n; i++) {
			connections[i] = new WaitsConnection(base.getHost() + ":" + base.getPort(), tokens.get(i % tokens.size()),
					digest);
		}
		// Each wave of 500 connections stays on one selector thread, the waves taken in turn.
		var threads = Integer.parseInt(System.getenv().getOrDefault("VAAS_BENCH_CLIENT_THREADS", "1"));
		var loops = new WaitsLoop[threads];
		for (int t = 0; t < threads; t++) {
			loops[t] = new WaitsLoop(new InetSocketAddress(base.getHost(), base.getPort()));
			Thread.ofPlatform().daemon().name("waits-" + t).uncaughtExceptionHandler((thread, ex) -> {
				ex.printStackTrace();
				System.exit(1);
			}).start(loops[t]);
		}
		// Connections and a first fetch (304) each, in waves as a fleet's come.
		var started = System.nanoTime();
		for (int i = 0; i < n; i += 500) {
			loops[(i / 500) % threads].submit(Arrays.asList(connections).subList(i, Math.min(n, i + 500)), "");
			awaitAnswers(connections, Math.min(n, i + 500), 120);
		}
		var warm = statuses(connections);
		if (!warm.equals(Map.of("304", n))) {
			throw new IllegalStateException("the first fetches answered " + warm);
		}
		var stdin = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));
		var cpu = new CpuTicks(System.getenv("VAAS_BENCH_CPU"));
		var rounds = args.length > 8 ? Integer.parseInt(args[8]) : 3;
		var metricsBase = args.length > 9 ? URI.create(args[9]) : base;
		for (int round = 1; round <= rounds; round++) {
			for (var connection : connections) {
				connection.reset();
			}
			for (int i = 0; i < n; i += 500) {
				loops[(i / 500) % threads].submit(Arrays.asList(connections).subList(i, Math.min(n, i + 500)),
						"?wait=" + wait);
				Thread.sleep(50);
			}
			var deadline = System.nanoTime() + Math.max(30, wait - 10) * 1_000_000_000L;
			long waiting;
			while ((waiting = waiting(metricsBase)) < n && answered(connections) == 0 && System.nanoTime() < deadline) {
				Thread.sleep(200);
			}
			if (waiting < n || answered(connections) > 0) {
				System.out.printf("round %d: %d of %d waiting, %d answered before the change (statuses %s)%n", round,
						waiting, n, answered(connections), statuses(connections));
				System.exit(1);
			}
			if (round == 1) {
				System.out.printf(
						"HELD %d of %d waiting on the server %d ms after the first connection (answered early: %d)%n",
						waiting, n, (System.nanoTime() - started) / 1_000_000, answered(connections));
			}
			else {
				System.out.printf("READY round %d: %d of %d waiting%n", round, waiting, n);
			}
			System.out.flush();
			stdin.readLine();
			var settled = cpu.awaitQuiet(30_000);
			var cpuBefore = cpu.now();
			var sentAt = LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
			var sent = System.nanoTime();
			change(writeBase, admin, value + round);
			var acknowledged = System.nanoTime();
			var all = awaitAnswers(connections, n, wait + 30);
			var lastAnswer = System.nanoTime();
			var cpuAfter = cpu.now();
			var latencies = new long[n];
			var fromSent = new long[n];
			var beforeAck = 0;
			for (int i = 0; i < n; i++) {
				var at = connections[i].answeredAt;
				beforeAck += (at != 0 && at < acknowledged) ? 1 : 0;
				latencies[i] = at == 0 ? Long.MAX_VALUE : Math.max(0, at - acknowledged);
				fromSent[i] = at == 0 ? Long.MAX_VALUE : at - sent;
			}
			Arrays.sort(latencies);
			Arrays.sort(fromSent);
			var statuses = statuses(connections);
			System.out.printf(
					"ANSWERED round %d: %d of %d; after the write's acknowledgement (%d ms after it was sent): p50 %s ms,"
							+ " p99 %s ms, max %s ms; %d before it; after the write was sent: p50 %s ms, p99 %s ms;"
							+ " statuses %s%n",
					round, answered(connections), n, (acknowledged - sent) / 1_000_000, millis(latencies[n / 2]),
					millis(latencies[(int) Math.ceil(n * 0.99) - 1]), millis(latencies[n - 1]), beforeAck,
					millis(fromSent[n / 2]), millis(fromSent[(int) Math.ceil(n * 0.99) - 1]), statuses);
			System.out.printf("CPU from the write (sent at %s UTC) until the last answer (%d ms; the servers and"
					+ " PostgreSQL settled %d ms before the write): %s%n", sentAt, (lastAnswer - sent) / 1_000_000,
					settled, CpuTicks.since(cpuBefore, cpuAfter));
			System.out.flush();
			if (!all || !statuses.equals(Map.of("200", n))) {
				System.exit(1);
			}
		}
		System.out.println("DONE");
		System.out.flush();
		// Open until the script is done with the server (its profiler stopped).
		stdin.readLine();
	}

	/** Changes the config the bundle renders from; returns once the write is acknowledged. */
	private static void change(String writeBase, String admin, String value) throws IOException {
		var change = (HttpURLConnection) URI.create(writeBase + "/api/v1/namespaces/bench/configs/app")
			.toURL()
			.openConnection();
		change.setRequestMethod("PUT");
		change.setRequestProperty("Authorization", "Bearer " + admin);
		change.setRequestProperty("Content-Type", "application/json");
		change.setDoOutput(true);
		change.getOutputStream().write(("{\"data\":{\"n\":\"" + value + "\"}}").getBytes(StandardCharsets.UTF_8));
		var status = change.getResponseCode();
		change.getInputStream().readAllBytes();
		if (status != 200) {
			throw new IllegalStateException("config change answered " + status);
		}
	}

	private static String millis(long nanos) {
		return nanos == Long.MAX_VALUE ? "never" : Long.toString(nanos / 1_000_000);
	}

	private static boolean awaitAnswers(WaitsConnection[] connections, int count, int seconds) throws InterruptedException {
		var deadline = System.nanoTime() + seconds * 1_000_000_000L;
		while (answered(connections) < count) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			Thread.sleep(10);
		}
		return true;
	}

	private static int answered(WaitsConnection[] connections) {
		var answered = 0;
		for (var connection : connections) {
			answered += connection.answeredAt != 0 ? 1 : 0;
		}
		return answered;
	}

	private static Map<String, Integer> statuses(WaitsConnection[] connections) {
		var statuses = new TreeMap<String, Integer>();
		for (var connection : connections) {
			statuses.merge(connection.outcome(), 1, Integer::sum);
		}
		return statuses;
	}

	private static long waiting(URI base) throws IOException {
		// Only the gauge: a whole scrape, every 200 ms, allocated about half as much on the server
		// as a round's re-polls, and so brought its collections forward into the wakes.
		var metrics = (HttpURLConnection) base.resolve("/actuator/prometheus?includedNames=vaas_agents_waiting")
			.toURL()
			.openConnection();
		try (var in = metrics.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.filter(line -> line.startsWith("vaas_agents_waiting"))
				.mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
				.sum();
		}
	}

}
