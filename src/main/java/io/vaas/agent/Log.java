package io.vaas.agent;

import java.io.PrintStream;
import java.time.Instant;

/**
 * One line per event, {@code key=value} text or one JSON object; never a token or a
 * value.
 */
final class Log {

	private final PrintStream out;

	private final boolean json;

	Log(PrintStream out, boolean json) {
		this.out = out;
		this.json = json;
	}

	void event(String event, String... pairs) {
		var line = new StringBuilder();
		if (json) {
			line.append("{\"time\":\"").append(Instant.now()).append("\",\"event\":\"").append(event).append('"');
			for (int i = 0; i + 1 < pairs.length; i += 2) {
				line.append(",\"").append(pairs[i]).append("\":\"").append(escape(pairs[i + 1])).append('"');
			}
			line.append('}');
		}
		else {
			line.append(Instant.now()).append(" event=").append(event);
			for (int i = 0; i + 1 < pairs.length; i += 2) {
				var value = pairs[i + 1];
				line.append(' ').append(pairs[i]).append('=');
				line.append(value.contains(" ") ? "\"" + value.replace("\"", "'") + "\"" : value);
			}
		}
		synchronized (out) {
			out.println(line);
			out.flush();
		}
	}

	static String escape(String text) {
		var out = new StringBuilder();
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.toString();
	}

}
