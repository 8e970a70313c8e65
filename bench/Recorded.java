import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A recorded answer of the server, as bench/BareTomcat.java, bench/BareNetty.java and
 * bench/BareCoyote.java replay it: the body, the headers of its 200 and of its 304 (as
 * curl -D writes them; Date, Content-Length, Connection, Keep-Alive and Transfer-Encoding
 * are left to the web server), and the ETag an If-None-Match must name.
 */
record Recorded(byte[] body, List<String[]> ok, List<String[]> notModified, String etag) {

	static Recorded read(String body, String headers200, String headers304) throws IOException {
		var notModified = headers(Path.of(headers304));
		var etag = notModified.stream().filter(h -> h[0].equalsIgnoreCase("ETag")).findFirst().orElseThrow()[1];
		return new Recorded(Files.readAllBytes(Path.of(body)), headers(Path.of(headers200)), notModified, etag);
	}

	private static List<String[]> headers(Path file) throws IOException {
		return Files.readAllLines(file)
			.stream()
			.skip(1)
			.map(String::strip)
			.filter(line -> line.contains(":"))
			.map(line -> new String[] { line.substring(0, line.indexOf(':')).strip(), line.substring(line.indexOf(':') + 1).strip() })
			.filter(h -> !List.of("date", "content-length", "connection", "keep-alive", "transfer-encoding")
				.contains(h[0].toLowerCase()))
			.toList();
	}

}
