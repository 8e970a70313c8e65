import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time used by named processes (user + system, from /proc), to tell where the cores went
 * during a measured stretch. VAAS_BENCH_CPU lists "name=pid" pairs, comma-separated; the name
 * "postgres" without a pid stands for every process called postgres (the server and its
 * backends). Linux counts in clock ticks of 10 ms.
 */
final class CpuTicks {

	private static final int TICK_MILLIS = 10;

	private final Map<String, String> watched = new LinkedHashMap<>();

	CpuTicks(String spec) {
		if (spec == null || spec.isBlank()) {
			return;
		}
		for (var pair : spec.split(",")) {
			var parts = pair.split("=", 2);
			watched.put(parts[0].strip(), parts.length > 1 ? parts[1].strip() : "");
		}
	}

	/** Milliseconds of CPU used so far, by name. */
	Map<String, Long> now() {
		var used = new LinkedHashMap<String, Long>();
		watched.forEach((name, pid) -> used.put(name,
				(pid.isEmpty() ? ticksOfAll(name) : ticks(Path.of("/proc", pid, "stat"))) * TICK_MILLIS));
		used.put("this client", ticks(Path.of("/proc/self/stat")) * TICK_MILLIS);
		return used;
	}

	/**
	 * Waits until the watched processes (this client aside) together use less than 15 % of
	 * a core over half a second (10,000 waiting polls alone cost a server about 5 %), at
	 * most {@code maxMillis}: what the previous round left (the audit chain, the sessions'
	 * records) is done before the next is timed.
	 * @return how long it waited, in milliseconds
	 */
	long awaitQuiet(long maxMillis) throws InterruptedException {
		var started = System.nanoTime();
		while ((System.nanoTime() - started) / 1_000_000 < maxMillis) {
			var before = now();
			Thread.sleep(500);
			var after = now();
			long used = 0;
			for (var name : watched.keySet()) {
				used += after.get(name) - before.get(name);
			}
			if (used < 75) {
				break;
			}
		}
		return (System.nanoTime() - started) / 1_000_000;
	}

	/** "name X ms, …" for the CPU used between two readings. */
	static String since(Map<String, Long> before, Map<String, Long> after) {
		var out = new StringBuilder();
		after.forEach((name, ms) -> out.append(out.isEmpty() ? "" : ", ")
			.append(name)
			.append(' ')
			.append(ms - before.getOrDefault(name, 0L))
			.append(" ms"));
		return out.toString();
	}

	private static long ticksOfAll(String command) {
		try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
			return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
				.filter(p -> command.equals(read(p.resolve("comm")).strip()))
				.mapToLong(p -> ticks(p.resolve("stat")))
				.sum();
		}
		catch (IOException ex) {
			return 0;
		}
	}

	private static long ticks(Path stat) {
		var line = read(stat);
		if (line.isEmpty()) {
			return 0;
		}
		// Fields after the command (which may hold spaces), itself in parentheses.
		var fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			// A process that ended meanwhile.
			return "";
		}
	}

}
