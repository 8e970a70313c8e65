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
		var value = valueOf(head.toString(), name);
		if (value == null) {
			throw new IllegalStateException("no " + name + " in " + head);
		}
		return value;
	}

	/**
	 * The header's value, or null: the lines scanned as they are (String.split on "\r\n",
	 * used before, compiles a pattern on every call).
	 */
	private static String valueOf(String head, String name) {
		for (int start = 0, end; (end = head.indexOf("\r\n", start)) >= 0; start = end + 2) {
			if (head.regionMatches(true, start, name, 0, name.length()) && end > start + name.length()
					&& head.charAt(start + name.length()) == ':') {
				return head.substring(start + name.length() + 1, end).strip();
			}
		}
		return null;
	}

	private static long contentLength(CharSequence head) {
		var text = head.toString();
		if (valueOf(text, "Transfer-Encoding") != null) {
			throw new IllegalStateException("a chunked answer: " + head);
		}
		var length = valueOf(text, "Content-Length");
		return length == null ? 0 : Long.parseLong(length); // 0: a 304, or an answer without a body
	}

}
