package io.vaas.agent;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An answer's body, read within one hard limit: 12 MiB, above the manifest of the largest
 * bundle the server renders (8 MiB of files in base64, 11.2 MB, with at most 256 files'
 * names and digests). A longer answer, announced or not, ends the request before its
 * bytes fill the agent's small heap (the image gives it 48 MB).
 */
final class AnswerBody {

	static final int MAX_BYTES = 12 * 1024 * 1024;

	private static final int CHUNK = 64 * 1024;

	private AnswerBody() {
	}

	/**
	 * The body: read into one array of its announced length (reading it in pieces and
	 * joining them would need twice that on the agent's heap), or in growing pieces when
	 * no length is announced.
	 * @throws TooLarge when the body is longer than {@link #MAX_BYTES}
	 */
	static byte[] read(InputStream in, long announced, int limit) throws IOException {
		var body = fill(in, announced, limit);
		return body.length() == body.bytes().length ? body.bytes() : Arrays.copyOf(body.bytes(), body.length());
	}

	/** The body as UTF-8 text, decoded from the bytes as read (no copy of them first). */
	static String text(InputStream in, long announced, int limit) throws IOException {
		var body = fill(in, announced, limit);
		return new String(body.bytes(), 0, body.length(), StandardCharsets.UTF_8);
	}

	private static Filled fill(InputStream in, long announced, int limit) throws IOException {
		if (announced > limit) {
			throw new TooLarge(limit);
		}
		if (announced >= 0) {
			var body = new byte[(int) announced];
			int read = in.readNBytes(body, 0, body.length);
			if (read < body.length) {
				throw new EOFException("the answer ended after " + read + " of " + announced + " bytes");
			}
			return new Filled(body, body.length);
		}
		var body = new byte[CHUNK];
		int length = 0;
		while (true) {
			if (length == body.length) {
				if (length > limit) {
					throw new TooLarge(limit);
				}
				body = Arrays.copyOf(body, (int) Math.min((long) length * 2, limit + 1L));
			}
			int read = in.read(body, length, body.length - length);
			if (read < 0) {
				break;
			}
			length += read;
		}
		if (length > limit) {
			throw new TooLarge(limit);
		}
		return new Filled(body, length);
	}

	/** The first {@code length} bytes of the array are the body. */
	private record Filled(byte[] bytes, int length) {
	}

	/** A body longer than the limit. */
	static final class TooLarge extends IOException {

		TooLarge(int limit) {
			super("a body longer than " + limit + " bytes");
		}

	}

}
