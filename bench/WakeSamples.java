import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * The JFR execution samples (jdk.ExecutionSample) of a server taken inside the wakes that
 * bench/waits.sh timed: from each round's write being sent (the time of day its CPU line gives,
 * UTC) to the last answer. Prints them as collapsed stacks ("frame;frame;… count", root first),
 * which flame graph tools read, and the number kept on stderr.
 * Usage: java bench/WakeSamples.java RECORDING.jfr WAITS_OUTPUT [FIRST_ROUND (default 1)]
 * Record with -XX:StartFlightRecording=filename=…,settings=default,jdk.ExecutionSample#period=1ms in
 * VAAS_BENCH_JVM; with VAAS_BENCH_SAME_ONLY unset, the output holds the rounds of both servers: give
 * each server's recording the part of the output with its rounds.
 */
public class WakeSamples {

	private static final Pattern ROUND = Pattern.compile("^ANSWERED round (\\d+):");

	private static final Pattern CPU = Pattern
		.compile("^CPU from the write \\(sent at (\\S+) UTC\\) until the last answer \\((\\d+) ms");

	public static void main(String[] args) throws IOException {
		var first = args.length > 2 ? Integer.parseInt(args[2]) : 1;
		var wakes = new ArrayList<LocalTime[]>();
		var round = 0;
		for (var line : Files.readAllLines(Path.of(args[1]))) {
			var answered = ROUND.matcher(line);
			if (answered.find()) {
				round = Integer.parseInt(answered.group(1));
			}
			var cpu = CPU.matcher(line);
			if (cpu.find() && round >= first) {
				var sent = LocalTime.parse(cpu.group(1));
				wakes.add(new LocalTime[] { sent, sent.plusNanos(Long.parseLong(cpu.group(2)) * 1_000_000) });
			}
		}
		Map<String, Integer> stacks = new TreeMap<>();
		var kept = 0;
		try (var recording = new RecordingFile(Path.of(args[0]))) {
			while (recording.hasMoreEvents()) {
				var event = recording.readEvent();
				if (event.getEventType().getName().equals("jdk.ExecutionSample") && inside(event, wakes)
						&& event.getStackTrace() != null) {
					stacks.merge(stack(event), 1, Integer::sum);
					kept++;
				}
			}
		}
		stacks.forEach((stack, count) -> System.out.println(stack + " " + count));
		System.err.printf("%d samples inside %d wakes%n", kept, wakes.size());
	}

	private static boolean inside(RecordedEvent event, List<LocalTime[]> wakes) {
		var at = LocalTime.ofInstant(event.getStartTime(), ZoneOffset.UTC);
		for (var wake : wakes) {
			if (!at.isBefore(wake[0]) && !at.isAfter(wake[1])) {
				return true;
			}
		}
		return false;
	}

	private static String stack(RecordedEvent event) {
		var frames = event.getStackTrace().getFrames();
		var out = new StringBuilder();
		for (int i = frames.size() - 1; i >= 0; i--) {
			var method = frames.get(i).getMethod();
			out.append(out.isEmpty() ? "" : ";").append(method.getType().getName()).append('.').append(method.getName());
		}
		return out.toString();
	}

}
