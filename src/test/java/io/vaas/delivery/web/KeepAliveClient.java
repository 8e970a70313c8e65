package io.vaas.delivery.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client that sends one request after the other on one keep-alive connection, each as
 * soon as the answer before it is read, until the connection ends, and tells how it
 * ended.
 */
final class KeepAliveClient {

	/** How the connection ended. */
	enum End {

		/** After an answer that said {@code Connection: close}. */
		TOLD_TO_CLOSE,

		/** Closed before any byte of the next answer. */
		CLOSED_BETWEEN_ANSWERS,

		/** Inside an answer. */
		CUT,

		/** With an answer other than a 200, or one that could not be read. */
		UNEXPECTED

	}

	private final Socket socket;

	private final byte[] request;

	private final AtomicInteger answers = new AtomicInteger();

	private final CompletableFuture<End> end = new CompletableFuture<>();

	private KeepAliveClient(Socket socket, byte[] request) {
		this.socket = socket;
		this.request = request;
	}

	static KeepAliveClient start(int port, byte[] request) throws IOException {
		var client = new KeepAliveClient(new Socket("127.0.0.1", port), request);
		Thread.ofVirtual().name("keep-alive-client").start(client::run);
		return client;
	}

	int answers() {
		return answers.get();
	}

	CompletableFuture<End> end() {
		return end;
	}

	void close() {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Closed already.
		}
	}

	private void run() {
		try (socket) {
			var in = socket.getInputStream();
			while (true) {
				try {
					socket.getOutputStream().write(request);
				}
				catch (IOException ex) {
					end.complete(End.CLOSED_BETWEEN_ANSWERS);
					return;
				}
				var answer = answer(in);
				if (answer != End.TOLD_TO_CLOSE && answer != null) {
					end.complete(answer);
					return;
				}
				answers.incrementAndGet();
				if (answer == End.TOLD_TO_CLOSE) {
					end.complete(in.read() == -1 ? End.TOLD_TO_CLOSE : End.UNEXPECTED);
					return;
				}
			}
		}
		catch (IOException ex) {
			end.complete(End.CUT);
		}
		catch (RuntimeException ex) {
			end.completeExceptionally(ex);
		}
	}

	/**
	 * Reads one answer: {@code null} for a 200 that keeps the connection,
	 * {@link End#TOLD_TO_CLOSE} for one that closes it, or how the connection ended.
	 */
	private static End answer(InputStream in) {
		var head = new ByteArrayOutputStream();
		try {
			while (head.size() < 4 || !head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
				var b = in.read();
				if (b == -1) {
					return head.size() == 0 ? End.CLOSED_BETWEEN_ANSWERS : End.CUT;
				}
				head.write(b);
			}
		}
		catch (IOException ex) {
			return head.size() == 0 ? End.CLOSED_BETWEEN_ANSWERS : End.CUT;
		}
		var lines = head.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT).split("\r\n");
		if (!lines[0].startsWith("http/1.1 200 ")) {
			return End.UNEXPECTED;
		}
		var length = -1;
		var close = false;
		for (var line : lines) {
			if (line.startsWith("content-length:")) {
				length = Integer.parseInt(line.substring("content-length:".length()).trim());
			}
			close |= line.equals("connection: close");
		}
		if (length < 0) {
			return End.UNEXPECTED;
		}
		try {
			if (in.readNBytes(length).length < length) {
				return End.CUT;
			}
		}
		catch (IOException ex) {
			return End.CUT;
		}
		return close ? End.TOLD_TO_CLOSE : null;
	}

}
