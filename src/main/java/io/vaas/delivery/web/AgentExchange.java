package io.vaas.delivery.web;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.Timeout;
import io.vaas.shared.PeerRequest;
import io.vaas.shared.Problems;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * One request on the agents' port, from its head to its answer: read on the event loop,
 * served on a virtual thread, answered exactly once (by the fetch, its long-poll, or the
 * safety timeout of a poll that somehow never answered), then handed back to its
 * {@link AgentConnection}.
 */
final class AgentExchange {

	private static final Logger log = LoggerFactory.getLogger(AgentExchange.class);

	/** What the exchange's connection does once the answer is written. */
	interface Ended {

		void ended(ChannelHandlerContext context, boolean close);

	}

	private final AgentPort.Services services;

	private final ChannelHandlerContext context;

	private final HttpRequest request;

	private final String peer;

	private final Ended ended;

	private final long started = System.nanoTime();

	private final AtomicBoolean answered = new AtomicBoolean();

	private final boolean head;

	private final boolean keepAlive;

	private volatile LongPoller.@Nullable Poll poll;

	private volatile boolean left;

	private volatile @Nullable Timeout safety;

	AgentExchange(AgentPort.Services services, ChannelHandlerContext context, String peer, HttpRequest request,
			Ended ended) {
		this.services = services;
		this.peer = peer;
		this.context = context;
		this.request = request;
		this.ended = ended;
		this.head = HttpMethod.HEAD.equals(request.method());
		this.keepAlive = HttpUtil.isKeepAlive(request);
	}

	/** Starts serving the request (on the connection's event loop). */
	void begin() {
		if (request.decoderResult().isFailure()) {
			// A request line or headers that could not be read (too long, malformed).
			write(AgentAnswers.problem(services.json(),
					Problems.of(HttpStatus.BAD_REQUEST, "bad-request", "Bad request", "The request could not be read"),
					null), true);
			return;
		}
		if (request.uri().equals(BundleDelivery.PATH) && (head || HttpMethod.GET.equals(request.method()))
				&& answeredAtOnce()) {
			return;
		}
		services.requests().execute(this::serve);
	}

	/**
	 * Answers on the event loop a fetch that needs nothing that can wait (the usual fetch
	 * of an agent whose token and bundle were seen before): no hand-over to a virtual
	 * thread and back. Anything else, a refusal included, is left to {@link #serve}.
	 * Nothing it calls blocks or audits (the session's record of the fetch is there
	 * already), so no request is bound for the audit log.
	 */
	private boolean answeredAtOnce() {
		var headers = request.headers();
		try {
			var reply = services.delivery()
				.replyAtOnce(services.credentials().verifiedBefore(headers.get(HttpHeaderNames.AUTHORIZATION)),
						headers.get(HttpHeaderNames.ACCEPT), headers.get(HttpHeaderNames.IF_NONE_MATCH));
			if (reply == null) {
				return false;
			}
			services.atOnce().increment();
			reply(reply);
			return true;
		}
		catch (RuntimeException ex) {
			// Served again, and told, the usual way.
			return false;
		}
	}

	/** The client closed the connection: a waiting poll ends now. */
	void clientLeft() {
		left = true;
		var waiting = poll;
		if (waiting != null) {
			waiting.abandon();
		}
	}

	/** Whether the request was not answered yet; from now on it never is. */
	boolean unanswered() {
		if (!answered.compareAndSet(false, true)) {
			return false;
		}
		var timer = safety;
		if (timer != null) {
			timer.cancel();
		}
		return true;
	}

	private void serve() {
		services.onThreads().increment();
		var uri = request.uri();
		var query = uri.indexOf('?');
		var path = query < 0 ? uri : uri.substring(0, query);
		var bound = new PeerRequest(client(), path);
		RequestContextHolder.setRequestAttributes(bound);
		try {
			AgentAnswers.requireBundleFetch(path, request.method());
			var headers = request.headers();
			var ask = services.delivery()
				.ask(services.credentials().verify(headers.get(HttpHeaderNames.AUTHORIZATION)),
						AgentAnswers.waitOf(uri, query), headers.get(HttpHeaderNames.ACCEPT),
						headers.get(HttpHeaderNames.IF_NONE_MATCH));
			var waiting = ask.poll();
			var answer = waiting.answer();
			if (!answer.isDone()) {
				poll = waiting;
				if (left) {
					waiting.abandon();
				}
				var timer = services.safeties()
					.newTimeout(timeout -> timedOut(), TimeUnit.NANOSECONDS.toMillis(waiting.remaining())
							+ BundleDeliveryFilter.ASYNC_SLACK_MILLIS, TimeUnit.MILLISECONDS);
				safety = timer;
				if (answered.get()) {
					// Ended meanwhile (the client left) before there was a timer.
					timer.cancel();
				}
				// All the answer needs was read: a waiting poll keeps no copy of the
				// request's headers (its bearer token among them).
				headers.clear();
			}
			answer.whenComplete((fetched, failure) -> finish(ask, bound));
		}
		catch (Exception ex) {
			fail(ex, bound, path);
		}
		catch (Error ex) {
			broken(ex);
		}
		finally {
			RequestContextHolder.resetRequestAttributes();
		}
	}

	/** Closes the connection, its request unanswerable, and throws on. */
	private void broken(Error ex) {
		log.error("event=agents_port_request_failed", ex);
		context.close();
		throw ex;
	}

	/** Answers once the long-poll has an answer, on the thread that ended it. */
	private void finish(BundleDelivery.Ask ask, PeerRequest peer) {
		RequestContextHolder.setRequestAttributes(peer);
		try {
			reply(services.delivery().reply(ask, BundleDelivery.await(ask)));
		}
		catch (Exception ex) {
			fail(ex, peer, BundleDelivery.PATH);
		}
		catch (Error ex) {
			// Logged and the connection closed, not lost in the answer's future.
			broken(ex);
		}
		finally {
			RequestContextHolder.resetRequestAttributes();
		}
	}

	/** A poll that somehow never answered: 503 with {@code Retry-After}. */
	private void timedOut() {
		// Written before the poll ends, whose own answer would otherwise come first.
		write(AgentAnswers.retryAfter(), false);
		var waiting = poll;
		if (waiting != null) {
			waiting.abandon();
		}
	}

	/** Answers a failure ({@link AgentAnswers#failure}). */
	private void fail(Exception ex, PeerRequest bound, String path) {
		write(AgentAnswers.failure(services, ex, bound, path), false);
	}

	/** Writes a fetch's answer as {@link #write} does, from its kept bytes if any. */
	private void reply(Reply reply) {
		var encoded = head || reply.closes() || !keepAlive ? null : services.encoded().of(reply);
		if (encoded == null) {
			write(AgentAnswers.reply(reply), reply.closes());
		}
		else if (unanswered()) {
			services.timer().record(started, reply.status(), null);
			context.writeAndFlush(encoded).addListener(written -> ended.ended(context, false));
		}
	}

	/**
	 * Writes the answer, unless one was written already, then hands the connection on.
	 */
	private void write(AgentAnswers.Body body, boolean close) {
		if (!unanswered()) {
			return;
		}
		var closes = close || !keepAlive;
		services.timer().record(started, body.status(), null);
		context.writeAndFlush(body.response(head, closes)).addListener(written -> ended.ended(context, closes));
	}

	private String client() {
		return services.clients().apply(peer, name -> request.headers().getAll(name));
	}

}
