import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/** One agent's keep-alive connection and the answer it is reading. */
final class WaitsConnection {

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

	WaitsConnection(String host, String token, String digest) {
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
