package io.vaas.delivery.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vaas.delivery.DeliveryService;
import io.vaas.delivery.Fetched;
import io.vaas.delivery.LongPolls;
import io.vaas.session.VerifiedToken;
import io.vaas.shared.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpMediaTypeNotAcceptableException;

/**
 * {@code GET /api/v1/agent/bundle}, written straight to the servlet response: the
 * session's bundle for its areas as a JSON manifest or a tar, {@code ETag} = digest, 304
 * on {@code If-None-Match}, and the {@code ?wait=} long-poll. The render is cached per
 * namespace generation ({@link DeliveryService#fetch}) and its encodings here by digest,
 * so a 304 or a repeated 200 is a cache lookup and a copy of bytes.
 * <p>
 * Bad input is thrown as the framework's own exceptions, so the problem advices answer it
 * alike on both ways in: {@link BundleDeliveryFilter} and {@link DeliveryController}.
 */
@Component
class BundleDelivery {

	static final String PATH = "/api/v1/agent/bundle";

	static final MediaType TAR = MediaType.parseMediaType("application/x-tar");

	static final List<MediaType> PRODUCES = List.of(MediaType.APPLICATION_JSON, TAR);

	/** How often a waiting long-poll looks whether its session was revoked meanwhile. */
	static final long RECHECK_NANOS = 1_000_000_000L;

	private final DeliveryService delivery;

	private final LongPolls longPolls;

	private final JsonMapper json;

	/**
	 * Encodings of each cached render ({@link DeliveryService#fetch} hands out one
	 * instance per render; weak keys compare by identity and go with it).
	 */
	private final Cache<Fetched, byte[]> manifests = encodings();

	private final Cache<Fetched, byte[]> tars = encodings();

	/** Long-polls waiting now: the {@code vaas_agents_waiting} gauge. */
	private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();

	BundleDelivery(DeliveryService delivery, LongPolls longPolls, JsonMapper json,
			io.micrometer.core.instrument.MeterRegistry meters) {
		this.delivery = delivery;
		this.longPolls = longPolls;
		this.json = json;
		io.micrometer.core.instrument.Gauge.builder("vaas.agents.waiting", waiting, Number::doubleValue)
			.description("Agents long-polling for a change")
			.register(meters);
	}

	void deliver(VerifiedToken token, HttpServletRequest request, HttpServletResponse response)
			throws IOException, HttpMediaTypeNotAcceptableException {
		var waitNanos = waitNanos(request.getParameter("wait"));
		var type = negotiate(request.getHeader(HttpHeaders.ACCEPT));
		var known = Digests.fromIfNoneMatch(request.getHeader(HttpHeaders.IF_NONE_MATCH));
		// Never past the token's expiry: an answer after it would serve an expired token.
		var untilExpiry = Math.max(0, java.time.Duration.between(java.time.Instant.now(), token.expiresAt()).toNanos());
		var fetched = longPoll(token, known, System.nanoTime() + Math.min(waitNanos, untilExpiry));
		if (fetched == null) {
			response.setHeader(HttpHeaders.RETRY_AFTER, "1");
			response.setHeader(HttpHeaders.CONNECTION, "close");
			Problems.write(request, response, json, Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "shutting-down",
					"Shutting down", "The server is stopping; ask another replica or again in a moment"));
			return;
		}
		var digest = fetched.files().digest();
		if (Digests.matches(known, digest)) {
			delivery.requireActive(token, null);
			response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
			response.setHeader(HttpHeaders.ETAG, "\"" + digest + "\"");
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
			return;
		}
		// Data goes out only while the session stands, as known after the data was
		// rendered.
		delivery.requireActive(token, fetched);
		var body = (type.equals(TAR) ? tars : manifests).get(fetched, key -> encode(fetched, type));
		response.setStatus(HttpServletResponse.SC_OK);
		response.setHeader(HttpHeaders.ETAG, "\"" + digest + "\"");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setHeader("X-Vaas-Digest", digest);
		response.setHeader("X-Vaas-Revision", Long.toString(fetched.revision()));
		response.setHeader("X-Vaas-Signature", fetched.signature());
		response.setContentType(type.toString());
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	/**
	 * Answers as soon as the digest differs from the one the agent has, or at the
	 * deadline; {@code null} when the server began to stop meanwhile. The request waits
	 * on a virtual thread, so a waiting agent holds no platform thread; it looks every
	 * second whether its session was revoked (which also wakes it at once).
	 * @throws io.vaas.session.InvalidAccessToken when the session is revoked meanwhile
	 */
	private @Nullable Fetched longPoll(VerifiedToken token, @Nullable String known, long deadline) {
		var change = delivery.nextChange(token);
		var fetched = delivery.fetch(token);
		while (Digests.matches(known, fetched.files().digest())) {
			var remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				return fetched;
			}
			if (longPolls.draining()) {
				return null;
			}
			delivery.requireActive(token, null);
			waiting.incrementAndGet();
			try {
				change.get(Math.min(remaining, RECHECK_NANOS), TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException recheck) {
				if (delivery.stale(fetched)) {
					// A certificate made for the session is due: made again, it is a
					// change.
					fetched = delivery.fetch(token);
				}
				continue;
			}
			catch (ExecutionException | InterruptedException ex) {
				if (ex instanceof InterruptedException) {
					Thread.currentThread().interrupt();
				}
				return null;
			}
			finally {
				waiting.decrementAndGet();
			}
			change = delivery.nextChange(token);
			fetched = delivery.fetch(token);
		}
		return fetched;
	}

	private long waitNanos(@Nullable String wait) {
		if (wait == null || wait.isBlank()) {
			return 0;
		}
		var digits = wait.strip();
		if (!digits.matches("[+-]?[0-9]{1,100}")) {
			var mismatch = new TypeMismatchException(wait, Integer.class);
			mismatch.initPropertyName("wait");
			throw mismatch;
		}
		// A whole number too long for a long is clamped like any other.
		var seconds = digits.length() > 18 ? (digits.startsWith("-") ? 0 : Long.MAX_VALUE) : Long.parseLong(digits);
		return Math.min(Math.max(seconds, 0), delivery.maxWait().toSeconds()) * 1_000_000_000L;
	}

	/**
	 * JSON unless the {@code Accept} header prefers a tar; 406 when it takes neither.
	 */
	static MediaType negotiate(@Nullable String accept) throws HttpMediaTypeNotAcceptableException {
		// What vaas-agent sends, and no header at all: no parsing on the hot path.
		if (accept == null || accept.isBlank() || accept.equals(MediaType.APPLICATION_JSON_VALUE)) {
			return MediaType.APPLICATION_JSON;
		}
		List<MediaType> accepted;
		try {
			accepted = MediaType.parseMediaTypes(accept);
		}
		catch (InvalidMediaTypeException ex) {
			throw new HttpMediaTypeNotAcceptableException(PRODUCES);
		}
		MediaType best = null;
		var bestQuality = 0.0;
		for (var type : accepted) {
			var quality = type.getQualityValue();
			if (quality <= bestQuality) {
				continue;
			}
			for (var offered : PRODUCES) {
				if (type.includes(offered)) {
					best = offered;
					bestQuality = quality;
					break;
				}
			}
		}
		if (best == null) {
			throw new HttpMediaTypeNotAcceptableException(PRODUCES);
		}
		return best;
	}

	private static Cache<Fetched, byte[]> encodings() {
		return Caffeine.newBuilder()
			.weakKeys()
			.maximumWeight(32L * 1024 * 1024)
			.<Fetched, byte[]>weigher((key, bytes) -> bytes.length)
			.expireAfterWrite(Duration.ofMinutes(10))
			.build();
	}

	private byte[] encode(Fetched fetched, MediaType type) {
		return type.equals(TAR) ? Tars.of(fetched.files()) : json.writeValueAsBytes(Manifest.of(fetched));
	}

}
