import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens N connections and warms them with three rounds of fetches (304), then holds N concurrent long-polls (GET /api/v1/agent/bundle?wait=…) on one server, waits until
 * that server counts them all as waiting (its vaas_agents_waiting gauge), then, on a line
 * from stdin, changes the config they render from through WRITE_BASE (the same server or
 * another replica on the same database) and times each answer from the moment the write was
 * acknowledged (its response received) to the moment the answer was received.
 * Each long-poll uses its own session: the N access tokens are read from TOKENS_FILE, one per line.
 * Usage: java bench/Waits.java POLL_BASE TOKENS_FILE DIGEST N WAIT_SECONDS ADMIN_TOKEN WRITE_BASE VALUE
 * Prints "HELD …" once all wait, then "ANSWERED …" with p50, p99 and max in milliseconds.
 */
public class Waits {

	public static void main(String[] args) throws Exception {
		var base = args[0];
		var tokens = java.nio.file.Files.readAllLines(java.nio.file.Path.of(args[1]));
		var digest = args[2];
		int n = Integer.parseInt(args[3]);
		int wait = Integer.parseInt(args[4]);
		var writeBase = args[6];
		var client = HttpClient.newBuilder()
			.executor(Executors.newVirtualThreadPerTaskExecutor())
			.connectTimeout(Duration.ofSeconds(30))
			.build();
		// Warm-up: every connection opened and the client's answer path compiled, as in a fleet
		// of separate agents, so what is timed below is the server's wake, not a cold client.
		for (int round = 0; round < 3; round++) {
			var warm = new ArrayList<CompletableFuture<HttpResponse<Void>>>();
			for (int i = 0; i < n; i++) {
				warm.add(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/v1/agent/bundle"))
					.header("Authorization", "Bearer " + tokens.get(i % tokens.size()))
					.header("If-None-Match", "\"" + digest + "\"")
					.timeout(Duration.ofSeconds(60))
					.build(), HttpResponse.BodyHandlers.discarding()));
			}
			for (var future : warm) {
				if (future.get().statusCode() != 304) {
					throw new IllegalStateException("warm-up answered " + future.get().statusCode());
				}
			}
		}
		var answered = new AtomicInteger();
		var statuses = new ConcurrentHashMap<Integer, AtomicInteger>();
		var futures = new ArrayList<CompletableFuture<Long>>();
		var started = System.nanoTime();
		for (int i = 0; i < n; i++) {
			var request = HttpRequest.newBuilder(URI.create(base + "/api/v1/agent/bundle?wait=" + wait))
				.header("Authorization", "Bearer " + tokens.get(i % tokens.size()))
				.header("If-None-Match", "\"" + digest + "\"")
				.timeout(Duration.ofSeconds(wait + 60))
				.build();
			futures.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(response -> {
				answered.incrementAndGet();
				statuses.computeIfAbsent(response.statusCode(), key -> new AtomicInteger()).incrementAndGet();
				return System.nanoTime();
			}));
			if (i % 500 == 499) {
				Thread.sleep(100); // the connections come in waves, as a fleet's do
			}
		}
		var deadline = System.nanoTime() + Duration.ofSeconds(Math.max(30, wait - 10)).toNanos();
		long waiting;
		while ((waiting = waiting(client, base)) < n * 0.98 && answered.get() == 0 && System.nanoTime() < deadline) {
			Thread.sleep(200);
		}
		System.out.printf("HELD %d of %d waiting on the server after %d ms (answered early: %d)%n", waiting, n,
				(System.nanoTime() - started) / 1_000_000, answered.get());
		System.out.flush();
		new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
		var change = HttpRequest.newBuilder(URI.create(writeBase + "/api/v1/namespaces/bench/configs/app"))
			.header("Authorization", "Bearer " + args[5])
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"data\":{\"n\":" + args[7] + "}}"))
			.build();
		var sent = System.nanoTime();
		var status = client.send(change, HttpResponse.BodyHandlers.discarding()).statusCode();
		var acknowledged = System.nanoTime();
		if (status != 200) {
			throw new IllegalStateException("config change answered " + status);
		}
		var latencies = new long[n];
		var beforeAck = 0;
		for (int i = 0; i < n; i++) {
			var at = futures.get(i).get();
			beforeAck += at < acknowledged ? 1 : 0;
			latencies[i] = Math.max(0, at - acknowledged);
		}
		Arrays.sort(latencies);
		System.out.printf(
				"ANSWERED %d; after the write's acknowledgement (%d ms after it was sent): p50 %d ms, p99 %d ms, max %d ms;"
						+ " %d before it; statuses %s%n",
				n, (acknowledged - sent) / 1_000_000, latencies[n / 2] / 1_000_000,
				latencies[(int) Math.ceil(n * 0.99) - 1] / 1_000_000, latencies[n - 1] / 1_000_000, beforeAck,
				statuses);
	}

	private static long waiting(HttpClient client, String base) throws Exception {
		var metrics = client.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).build(),
				HttpResponse.BodyHandlers.ofString());
		return metrics.body()
			.lines()
			.filter(line -> line.startsWith("vaas_agents_waiting"))
			.mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

}
