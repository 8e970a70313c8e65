import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** One agent's keep-alive connection and the answer it is reading. */
final class WaitsConnection {

	final String host;

	final String token;

	String digest;

	SocketChannel channel;

	ByteBuffer request;

	/** The head of the answer read so far (until its blank line), as bytes. */
	byte[] head = new byte[1024];

	int headLength;

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
		headLength = 0;
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

	/**
	 * Takes what was read; true once the whole answer is in. The head's bytes are copied
	 * as they come and read once, at its blank line, so the client spends little of the
	 * cores it shares with the server.
	 */
	boolean read(ByteBuffer in) {
		while (in.hasRemaining()) {
			if (bodyLeft < 0) {
				takeHead(in);
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

	/** Copies the head's bytes up to and including its blank line, then reads the head. */
	private void takeHead(ByteBuffer in) {
		while (in.hasRemaining()) {
			if (headLength == head.length) {
				head = Arrays.copyOf(head, head.length * 2);
			}
			var b = in.get();
			head[headLength++] = b;
			if (b == '\n' && headLength >= 4 && head[headLength - 2] == '\r' && head[headLength - 3] == '\n'
					&& head[headLength - 4] == '\r') {
				var text = new String(head, 0, headLength, StandardCharsets.ISO_8859_1);
				status = Integer.parseInt(text, 9, 12, 10);
				if (valueOf(text, "Transfer-Encoding") != null) {
					throw new IllegalStateException("a chunked answer: " + text);
				}
				var length = valueOf(text, "Content-Length");
				bodyLeft = length == null ? 0 : Long.parseLong(length); // 0: a 304, or no body
				if (status == 200) {
					var etag = valueOf(text, "ETag");
					if (etag == null) {
						throw new IllegalStateException("no ETag in " + text);
					}
					etag = etag.replace("\"", "");
					changed = !etag.equals(digest);
					digest = etag;
				}
				return;
			}
		}
	}

	/** The server closed the connection or it failed: the answer ends here (status 0 if none). */
	private void lost() {
		closed();
		answeredAt = System.nanoTime();
	}

	/**
	 * The connection ended (closed by the server, or failed): the answer in flight is lost;
	 * after its answer (the key goes on reading), the next request opens another.
	 */
	void ended() {
		if (answeredAt == 0) {
			lost();
		}
		else {
			closed();
		}
	}

	private void closed() {
		try {
			channel.close();
		}
		catch (IOException ex) {
			// closed anyway
		}
		channel = null;
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

}
