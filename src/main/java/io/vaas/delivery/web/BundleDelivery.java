package io.vaas.delivery.web;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vaas.delivery.DeliveryService;
import io.vaas.delivery.Fetched;
import io.vaas.session.VerifiedToken;
import io.vaas.shared.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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

	/** A {@code ?wait=} that can be read: compiled once, not for every long-poll. */
	private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]{1,100}");

	private final DeliveryService delivery;

	private final LongPoller poller;

	private final JsonMapper json;

	/**
	 * Encodings of each cached render ({@link DeliveryService#fetch} hands out one
	 * instance per render; weak keys compare by identity and go with it).
	 */
	private final Cache<Fetched, byte[]> manifests = encodings();

	private final Cache<Fetched, byte[]> tars = encodings();

	BundleDelivery(DeliveryService delivery, LongPoller poller, JsonMapper json) {
		this.delivery = delivery;
		this.poller = poller;
		this.json = json;
	}

	/** Answers on this thread, waiting on it for a {@code ?wait=} long-poll. */
	void deliver(VerifiedToken token, HttpServletRequest request, HttpServletResponse response)
			throws IOException, HttpMediaTypeNotAcceptableException {
		var ask = ask(token, request);
		answer(ask, await(ask), request, response);
	}

	/**
	 * Reads what the request asks for and starts its long-poll, which completes at once
	 * when there is nothing to wait for.
	 */
	Ask ask(VerifiedToken token, HttpServletRequest request) throws HttpMediaTypeNotAcceptableException {
		return ask(token, request.getParameter("wait"), request.getHeader(HttpHeaders.ACCEPT),
				request.getHeader(HttpHeaders.IF_NONE_MATCH));
	}

	/**
	 * As {@link #ask(VerifiedToken, HttpServletRequest)}, given the request's
	 * {@code ?wait=}, {@code Accept} and {@code If-None-Match}.
	 */
	Ask ask(VerifiedToken token, @Nullable String wait, @Nullable String accept, @Nullable String ifNoneMatch)
			throws HttpMediaTypeNotAcceptableException {
		var waitNanos = waitNanos(wait);
		var type = Accepts.negotiate(accept);
		var known = Digests.fromIfNoneMatch(ifNoneMatch);
		// Never past the token's expiry: an answer after it would serve an expired token.
		var untilExpiry = Math.max(0, Duration.between(Instant.now(), token.expiresAt()).toNanos());
		return new Ask(token, type, known,
				poller.poll(token, known, System.nanoTime() + Math.min(waitNanos, untilExpiry)));
	}

	/**
	 * The long-poll's answer, waiting for it on this thread; {@code null} when the server
	 * began to stop meanwhile.
	 */
	static @Nullable Fetched await(Ask ask) {
		try {
			return ask.poll().answer().get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			ask.poll().abandon();
			return null;
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	/**
	 * Writes the answer once the long-poll has one: 304, 200 with the bundle, or 503 when
	 * the server is stopping ({@code fetched} is {@code null}).
	 */
	void answer(Ask ask, @Nullable Fetched fetched, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		var reply = reply(ask, fetched);
		response.setStatus(reply.status());
		reply.headers(response::setHeader);
		if (reply.contentType() != null) {
			response.setContentType(reply.contentType());
			response.setContentLength(reply.body().length);
			response.getOutputStream().write(reply.body());
		}
	}

	/**
	 * The answer once the long-poll has one.
	 * @throws io.vaas.session.InvalidAccessToken when the session no longer stands
	 */
	Reply reply(Ask ask, @Nullable Fetched fetched) {
		if (fetched == null) {
			var problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "shutting-down", "Shutting down",
					"The server is stopping; ask another replica or again in a moment");
			problem.setInstance(Problems.instance(PATH));
			return new Reply(HttpStatus.SERVICE_UNAVAILABLE.value(), null, MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					json.writeValueAsBytes(problem));
		}
		if (Digests.matches(ask.known(), fetched.files().digest())) {
			delivery.requireActive(ask.token(), null);
			return new Reply(HttpServletResponse.SC_NOT_MODIFIED, fetched, null, Reply.EMPTY);
		}
		// Data goes out only while the session stands, as known after the data was
		// rendered.
		delivery.requireActive(ask.token(), fetched);
		var type = ask.type();
		var body = (type.equals(TAR) ? tars : manifests).get(fetched, key -> encode(fetched, type));
		return new Reply(HttpServletResponse.SC_OK, fetched, type.toString(), body);
	}

	/**
	 * The answer to a fetch that does not wait ({@code ?wait=} absent), when it can be
	 * given without blocking: the token verified before, its bundle's render cached and
	 * its fetch of it on the session's record, its session known to stand. {@code null}
	 * for anything else (including every refusal and bad input), which {@link #ask} and
	 * {@link #reply} then answer.
	 */
	@Nullable Reply replyAtOnce(@Nullable VerifiedToken token, @Nullable String accept, @Nullable String ifNoneMatch) {
		if (token == null) {
			return null;
		}
		MediaType type;
		try {
			type = Accepts.negotiate(accept);
		}
		catch (HttpMediaTypeNotAcceptableException ex) {
			return null;
		}
		var fetched = delivery.fetchAtOnce(token);
		if (fetched == null) {
			return null;
		}
		if (Digests.matches(Digests.fromIfNoneMatch(ifNoneMatch), fetched.files().digest())) {
			return delivery.activeAtOnce(token, null)
					? new Reply(HttpServletResponse.SC_NOT_MODIFIED, fetched, null, Reply.EMPTY) : null;
		}
		if (!delivery.activeAtOnce(token, fetched)) {
			return null;
		}
		var body = (type.equals(TAR) ? tars : manifests).getIfPresent(fetched);
		return body == null ? null : new Reply(HttpServletResponse.SC_OK, fetched, type.toString(), body);
	}

	/** What a request asks for, and its long-poll. */
	record Ask(VerifiedToken token, MediaType type, @Nullable String known, LongPoller.Poll poll) {
	}

	private long waitNanos(@Nullable String wait) {
		if (wait == null || wait.isBlank()) {
			return 0;
		}
		var digits = wait.strip();
		if (!WHOLE_NUMBER.matcher(digits).matches()) {
			var mismatch = new TypeMismatchException(wait, Integer.class);
			mismatch.initPropertyName("wait");
			throw mismatch;
		}
		// A whole number too long for a long is clamped like any other.
		var seconds = digits.length() > 18 ? (digits.startsWith("-") ? 0 : Long.MAX_VALUE) : Long.parseLong(digits);
		return Math.min(Math.max(seconds, 0), delivery.maxWait().toSeconds()) * 1_000_000_000L;
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
