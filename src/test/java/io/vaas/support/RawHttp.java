package io.vaas.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests the JDK's client refuses to send (a raw NUL
 * or space in the request line, a 100 KB header, a thousand headers, two
 * {@code Content-Length}s). The caller writes the request head; the answer is read to the
 * end ({@code Connection: close}).
 */
public final class RawHttp {

	private final int port;

	public RawHttp(int port) {
		this.port = port;
	}

	/**
	 * Sends {@code head} (request line and headers, without the blank line; {@code Host}
	 * and {@code Connection: close} are added) and {@code body}.
	 */
	public Api.Reply send(String head, byte[] body) {
		var request = new ByteArrayOutputStream();
		request.writeBytes((head + "\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
			.getBytes(StandardCharsets.ISO_8859_1));
		request.writeBytes(body);
		return send(request.toByteArray());
	}

	/**
	 * Sends these bytes as they are and reads the answer. Writing runs beside reading: a
	 * server refusing a large body answers and closes before it has read it all, and the
	 * answer must be read before the connection is reset.
	 */
	public Api.Reply send(byte[] request) {
		try (var socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(30_000);
			var writer = Thread.ofVirtual().start(() -> {
				try {
					var out = socket.getOutputStream();
					out.write(request);
					out.flush();
				}
				catch (IOException ex) {
					// The server answered and closed before reading everything (413,
					// 400): the answer is read on the other side.
				}
			});
			var answer = socket.getInputStream().readAllBytes();
			writer.join(Duration.ofSeconds(30));
			return parse(answer);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A body in chunked transfer coding, 64 KiB a chunk. */
	public static byte[] chunked(byte[] body) {
		var out = new ByteArrayOutputStream();
		for (int at = 0; at < body.length; at += 65_536) {
			int size = Math.min(65_536, body.length - at);
			out.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
			out.write(body, at, size);
			out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
		}
		out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
		return out.toByteArray();
	}

	private static Api.Reply parse(byte[] response) {
		var text = new String(response, StandardCharsets.ISO_8859_1);
		var end = text.indexOf("\r\n\r\n");
		if (end < 0) {
			throw new IllegalStateException("no complete response head in " + response.length + " bytes");
		}
		var lines = text.substring(0, end).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			var colon = lines[i].indexOf(':');
			headers
				.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
				.add(lines[i].substring(colon + 1).strip());
		}
		var body = text.substring(end + 4);
		if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
			body = dechunk(body);
		}
		return new Api.Reply(status, java.net.http.HttpHeaders.of(headers, (name, value) -> true),
				new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
	}

	private static String dechunk(String chunked) {
		var out = new StringBuilder();
		int at = 0;
		while (true) {
			var lineEnd = chunked.indexOf("\r\n", at);
			int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].strip(), 16);
			if (size == 0) {
				return out.toString();
			}
			out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
			at = lineEnd + 2 + size + 2;
		}
	}

}
