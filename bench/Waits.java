import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds N concurrent long-polls (GET /api/v1/agent/bundle?wait=…) on one server, then reports
 * how many were still waiting, and how long they took to answer after a change.
 * Usage: java bench/Waits.java BASE_URL TOKEN DIGEST N WAIT_SECONDS ADMIN_TOKEN
 * Prints "HELD n" once all requests are sent, then on a line from stdin changes the config
 * (PUT /api/v1/namespaces/bench/configs/app) and times the answers from that moment.
 */
public class Waits {

	public static void main(String[] args) throws Exception {
		var base = args[0];
		var token = args[1];
		var digest = args[2];
		int n = Integer.parseInt(args[3]);
		int wait = Integer.parseInt(args[4]);
		var client = HttpClient.newBuilder().executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
			.connectTimeout(Duration.ofSeconds(10))
			.build();
		var answered = new AtomicInteger();
		var statuses = new java.util.concurrent.ConcurrentHashMap<Integer, AtomicInteger>();
		var futures = new ArrayList<CompletableFuture<Long>>();
		for (int i = 0; i < n; i++) {
			var request = HttpRequest.newBuilder(URI.create(base + "/api/v1/agent/bundle?wait=" + wait))
				.header("Authorization", "Bearer " + token)
				.header("If-None-Match", "\"" + digest + "\"")
				.timeout(Duration.ofSeconds(wait + 30))
				.build();
			futures.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(response -> {
				answered.incrementAndGet();
				statuses.computeIfAbsent(response.statusCode(), key -> new AtomicInteger()).incrementAndGet();
				return System.nanoTime();
			}));
		}
		Thread.sleep(5000);
		System.out.println("HELD " + (n - answered.get()) + " of " + n + " (answered early: " + answered.get() + ")");
		System.out.flush();
		new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
		var change = HttpRequest.newBuilder(URI.create(base + "/api/v1/namespaces/bench/configs/app"))
			.header("Authorization", "Bearer " + args[5])
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"data\":{\"n\":1}}"))
			.build();
		var changed = System.nanoTime();
		var status = client.send(change, HttpResponse.BodyHandlers.discarding()).statusCode();
		if (status != 200) {
			throw new IllegalStateException("config change answered " + status);
		}
		long slowest = 0;
		for (var future : futures) {
			slowest = Math.max(slowest, future.get() - changed);
		}
		System.out.printf("ANSWERED %d in %d ms after the change; statuses %s%n", n, slowest / 1_000_000, statuses);
	}

}
