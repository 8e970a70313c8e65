package io.vaas.delivery.web;

import java.util.function.BiConsumer;

import io.vaas.delivery.Fetched;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * A fetch's answer, for whichever listener writes it: 200 with the bundle's bytes, 304,
 * or 503 with a problem when the server is stopping ({@code fetched} is {@code null}).
 *
 * @param status the HTTP status
 * @param fetched what was fetched, {@code null} for the 503
 * @param contentType the body's type, {@code null} for the 304
 * @param body the body, empty for the 304
 */
record Reply(int status, @Nullable Fetched fetched, @Nullable String contentType, byte[] body) {

	static final byte[] EMPTY = new byte[0];

	/** Whether the connection is to be closed after this answer. */
	boolean closes() {
		return fetched == null;
	}

	/** Each header but {@code Content-Type} and {@code Content-Length}, in order. */
	void headers(BiConsumer<String, String> header) {
		if (fetched == null) {
			header.accept(HttpHeaders.RETRY_AFTER, "1");
			header.accept(HttpHeaders.CONNECTION, "close");
			header.accept(HttpHeaders.CACHE_CONTROL, "no-store");
			return;
		}
		var digest = fetched.files().digest();
		header.accept(HttpHeaders.ETAG, "\"" + digest + "\"");
		header.accept(HttpHeaders.CACHE_CONTROL, "no-store");
		if (body.length > 0) {
			header.accept("X-Vaas-Digest", digest);
			header.accept("X-Vaas-Revision", Long.toString(fetched.revision()));
			header.accept("X-Vaas-Signature", fetched.signature());
		}
	}

}
