import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds N concurrent long-polls (GET /api/v1/agent/bundle?wait=…) on one server, each on a
 * keep-alive connection of its own with a session of its own, and times how fast a change
 * reaches them. One thread and one selector drive all N connections (plain HTTP/1.1 over
 * non-blocking sockets), so the client costs little of the 2 cores it shares with the server.
 * <p>
 * First every connection fetches once with If-None-Match (304), so what is timed later is the
 * server's wake, not connection set-up; then every connection sends its long-poll, and once the
 * server counts them as waiting (its vaas_agents_waiting gauge) it prints "HELD …". On a line
 * from stdin it changes the config they render from through WRITE_BASE (the same server or
 * another replica on the same database) and times each answer from the moment the write was
 * acknowledged (its response received) to the moment the answer's last byte was read; an answer
 * read before the acknowledgement counts as 0 ms and is counted apart, and the same figures are
 * also given from the moment the write was sent, which no answer can precede.
 * That is done ROUNDS times (default 3; the first also finds the server's code for the wake not yet
 * compiled), each with every connection waiting again with the digest it was last sent.
 * Usage: java bench/Waits.java POLL_BASE TOKENS_FILE DIGEST N WAIT_SECONDS ADMIN_TOKEN WRITE_BASE VALUE [ROUNDS]
 * Prints "HELD …" once all wait, then "ANSWERED round r …" with p50, p99 and max in milliseconds for
 * each round, then "DONE". Exits with 1 when a round does not find every poll waiting before the
 * change, when a poll is answered before the change, or when an answer is not a whole 200 with a
 * new digest (ETag): the outcomes are counted as "200", "200 same digest", "lost" (the connection
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
		var connections = new Connection[n];
		for (int i = 0; i < n; i++) {
			connections[i] = new Connection(base.getHost() + ":" + base.getPort(), tokens.get(i % tokens.size()),
					digest);
		}
		var loop = new Loop(new InetSocketAddress(base.getHost(), base.getPort()));
		var thread = Thread.ofPlatform().daemon().name("waits").uncaughtExceptionHandler((t, ex) -> {
			ex.printStackTrace();
			System.exit(1);
		}).start(loop);
		// Connections and a first fetch (304) each, in waves as a fleet's come.
		var started = System.nanoTime();
		for (int i = 0; i < n; i += 500) {
			loop.submit(Arrays.asList(connections).subList(i, Math.min(n, i + 500)), "");
			awaitAnswers(connections, Math.min(n, i + 500), 120);
		}
		var warm = statuses(connections);
		if (!warm.equals(Map.of("304", n))) {
			throw new IllegalStateException("the first fetches answered " + warm);
		}
		var rounds = args.length > 8 ? Integer.parseInt(args[8]) : 3;
		for (int round = 1; round <= rounds; round++) {
			for (var connection : connections) {
				connection.reset();
			}
			for (int i = 0; i < n; i += 500) {
				loop.submit(Arrays.asList(connections).subList(i, Math.min(n, i + 500)), "?wait=" + wait);
				Thread.sleep(50);
			}
			var deadline = System.nanoTime() + Math.max(30, wait - 10) * 1_000_000_000L;
			long waiting;
			while ((waiting = waiting(base)) < n && answered(connections) == 0 && System.nanoTime() < deadline) {
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
				System.out.flush();
				new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
			}
			var sent = System.nanoTime();
			change(writeBase, admin, value + round);
			var acknowledged = System.nanoTime();
			var all = awaitAnswers(connections, n, wait + 30);
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
			System.out.flush();
			if (!all || !statuses.equals(Map.of("200", n))) {
				System.exit(1);
			}
		}
		System.out.println("DONE");
		thread.interrupt();
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

	private static boolean awaitAnswers(Connection[] connections, int count, int seconds) throws InterruptedException {
		var deadline = System.nanoTime() + seconds * 1_000_000_000L;
		while (answered(connections) < count) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			Thread.sleep(10);
		}
		return true;
	}

	private static int answered(Connection[] connections) {
		var answered = 0;
		for (var connection : connections) {
			answered += connection.answeredAt != 0 ? 1 : 0;
		}
		return answered;
	}

	private static Map<String, Integer> statuses(Connection[] connections) {
		var statuses = new TreeMap<String, Integer>();
		for (var connection : connections) {
			statuses.merge(connection.outcome(), 1, Integer::sum);
		}
		return statuses;
	}

	private static long waiting(URI base) throws IOException {
		var metrics = (HttpURLConnection) base.resolve("/actuator/prometheus").toURL().openConnection();
		try (var in = metrics.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.filter(line -> line.startsWith("vaas_agents_waiting"))
				.mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
				.sum();
		}
	}

	/** One agent's keep-alive connection and the answer it is reading. */
	static final class Connection {

		final String host;

		final String token;

		String digest;

		SocketChannel channel;

		ByteBuffer request;

		/** The head of the answer read so far (until its blank line). */
		final StringBuilder head = new StringBuilder();

		long bodyLeft = -1;

		int status;

		/** A 200 whose ETag differs from the digest the request was sent with. */
		boolean changed;

		volatile long answeredAt;

		Connection(String host, String token, String digest) {
			this.host = host;
			this.token = token;
			this.digest = digest;
		}

		void send(String query) {
			request = ByteBuffer.wrap(("GET /api/v1/agent/bundle" + query + " HTTP/1.1\r\nHost: " + host
					+ "\r\nAuthorization: Bearer " + token + "\r\nIf-None-Match: \"" + digest
					+ "\"\r\nAccept: application/json\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
		}

		void reset() {
			head.setLength(0);
			bodyLeft = -1;
			status = 0;
			changed = false;
			answeredAt = 0;
		}

		/** What the last request got (read once it was answered or lost). */
		String outcome() {
			if (answeredAt == 0) {
				return "none";
			}
			if (status == 0 || bodyLeft != 0) {
				return "lost";
			}
			return status == 200 && !changed ? "200 same digest" : Integer.toString(status);
		}

		/** Takes what was read; true once the whole answer is in. */
		boolean read(ByteBuffer in) {
			while (in.hasRemaining()) {
				if (bodyLeft < 0) {
					head.append((char) in.get());
					if (endsWithBlankLine(head)) {
						status = Integer.parseInt(head.substring(9, 12));
						bodyLeft = contentLength(head);
						if (status == 200) {
							var etag = header(head, "ETag").replace("\"", "");
							changed = !etag.equals(digest);
							digest = etag;
						}
					}
				}
				else {
					var skip = (int) Math.min(bodyLeft, in.remaining());
					in.position(in.position() + skip);
					bodyLeft -= skip;
				}
				if (bodyLeft == 0) {
					if (in.hasRemaining()) {
						throw new IllegalStateException("more bytes than the answer holds");
					}
					return true;
				}
			}
			return false;
		}

		private static boolean endsWithBlankLine(StringBuilder head) {
			int length = head.length();
			return length >= 4 && head.charAt(length - 1) == '\n' && head.charAt(length - 2) == '\r'
					&& head.charAt(length - 3) == '\n' && head.charAt(length - 4) == '\r';
		}

		/** The server closed the connection or it failed: the answer ends here (status 0 if none). */
		void lost() {
			try {
				channel.close();
			}
			catch (IOException ex) {
				// closed anyway
			}
			channel = null;
			answeredAt = System.nanoTime();
		}

		private static String header(CharSequence head, String name) {
			for (var line : head.toString().split("\r\n")) {
				if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
					return line.substring(name.length() + 1).strip();
				}
			}
			throw new IllegalStateException("no " + name + " in " + head);
		}

		private static long contentLength(CharSequence head) {
			for (var line : head.toString().split("\r\n")) {
				if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
					return Long.parseLong(line.substring(15).strip());
				}
				if (line.regionMatches(true, 0, "Transfer-Encoding:", 0, 18)) {
					throw new IllegalStateException("a chunked answer: " + head);
				}
			}
			return 0; // 304, or an answer without a body
		}

	}

	/** The selector thread: connects, writes each request, reads each answer. */
	static final class Loop implements Runnable {

		private final InetSocketAddress address;

		private final Selector selector;

		private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

		private final ByteBuffer in = ByteBuffer.allocateDirect(256 * 1024);

		Loop(InetSocketAddress address) throws IOException {
			this.address = address;
			this.selector = Selector.open();
		}

		void submit(List<Connection> connections, String query) {
			var batch = new ArrayList<>(connections);
			tasks.add(() -> {
				for (var connection : batch) {
					connection.send(query);
					try {
						if (connection.channel == null || !connection.channel.isOpen()) {
							connection.channel = SocketChannel.open();
							connection.channel.configureBlocking(false);
							connection.channel.connect(address);
							connection.channel.register(selector, SelectionKey.OP_CONNECT, connection);
						}
						else {
							connection.channel.keyFor(selector).interestOps(SelectionKey.OP_WRITE);
						}
					}
					catch (IOException ex) {
						throw new IllegalStateException(ex);
					}
				}
			});
			selector.wakeup();
		}

		@Override
		public void run() {
			try {
				while (!Thread.currentThread().isInterrupted()) {
					selector.select(100);
					for (Runnable task; (task = tasks.poll()) != null;) {
						task.run();
					}
					for (var key : selector.selectedKeys()) {
						var connection = (Connection) key.attachment();
						try {
							step(key, connection);
						}
						catch (IOException ex) {
							key.cancel();
							connection.lost();
						}
					}
					selector.selectedKeys().clear();
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private void step(SelectionKey key, Connection connection) throws IOException {
			var channel = connection.channel;
			if (key.isConnectable() && channel.finishConnect()) {
				key.interestOps(SelectionKey.OP_WRITE);
			}
			else if (key.isWritable()) {
				channel.write(connection.request);
				if (!connection.request.hasRemaining()) {
					key.interestOps(SelectionKey.OP_READ);
				}
			}
			else if (key.isReadable()) {
				in.clear();
				if (channel.read(in) < 0) {
					key.cancel();
					connection.lost();
					return;
				}
				in.flip();
				if (connection.read(in)) {
					connection.answeredAt = System.nanoTime();
					key.interestOps(0);
				}
			}
		}

	}

}
