package io.vaas.delivery.web;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.vaas.session.AgentCredentials;
import io.vaas.session.InvalidAccessToken;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Serves {@code GET /api/v1/agent/bundle} at the servlet level, ahead of Spring Security
 * and Spring MVC: the path every agent calls in a loop. It verifies the access token and
 * audits a refusal exactly as the agent security chain does ({@link AgentCredentials}),
 * writes the same security headers, and lets the MVC exception resolvers answer what
 * {@link BundleDelivery} throws, so the answers are those of {@link DeliveryController}.
 * Only the exact path is taken; anything else (another method, an encoded or
 * parameterised path) goes through the normal chain and its firewall.
 */
final class BundleDeliveryFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(BundleDeliveryFilter.class);

	/**
	 * How long past its deadline the web server lets a waiting request be before ending
	 * it: only if its poll somehow never answered.
	 */
	static final long ASYNC_SLACK_MILLIS = 30_000;

	private final AgentCredentials credentials;

	private final BundleDelivery delivery;

	private final HandlerExceptionResolver exceptions;

	private final DeliveryTimer timer;

	BundleDeliveryFilter(AgentCredentials credentials, BundleDelivery delivery, HandlerExceptionResolver exceptions,
			DeliveryTimer timer) {
		this.credentials = credentials;
		this.delivery = delivery;
		this.exceptions = exceptions;
		this.timer = timer;
	}

	/** Whether this filter answers the request: exactly {@code GET} of the path. */
	static boolean takes(HttpServletRequest request) {
		return "GET".equals(request.getMethod()) && BundleDelivery.PATH.equals(request.getRequestURI());
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !takes(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var started = System.nanoTime();
		// What Spring Security's header writer adds to every answer of the API.
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("X-XSS-Protection", "0");
		if (request.isSecure()) {
			response.setHeader("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");
		}
		// The request for the audit log (the client's address), here ahead of Spring's
		// own
		// RequestContextFilter, and on the threads that go on with a waiting request.
		var attributes = new ServletRequestAttributes(request, response);
		var outer = RequestContextHolder.getRequestAttributes();
		RequestContextHolder.setRequestAttributes(attributes);
		try {
			deliver(request, response, attributes);
		}
		catch (IOException | ServletException | RuntimeException | Error ex) {
			// As the observation filter records what escapes the chain: a 500, unless the
			// answer was already on its way (a client that left while it was written).
			timer.record(started,
					response.isCommitted() ? response.getStatus() : HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
					DeliveryTimer.unwrap(ex));
			throw ex;
		}
		finally {
			RequestContextHolder.setRequestAttributes(outer);
		}
		if (request.isAsyncStarted()) {
			request.getAsyncContext().addListener(timer.whenComplete(started));
		}
		else {
			timer.record(started, response.getStatus(), null);
		}
	}

	private void deliver(HttpServletRequest request, HttpServletResponse response, ServletRequestAttributes attributes)
			throws ServletException, IOException {
		answer(request, response, () -> {
			var ask = delivery.ask(credentials.verify(request), request);
			var answer = ask.poll().answer();
			if (answer.isDone() || !request.isAsyncSupported()) {
				delivery.answer(ask, BundleDelivery.await(ask), request, response);
				return;
			}
			// The request waits without a thread; the answer is written when the poll
			// ends, on the thread that ends it.
			var async = request.startAsync(request, response);
			async.setTimeout(TimeUnit.NANOSECONDS.toMillis(ask.poll().remaining()) + ASYNC_SLACK_MILLIS);
			// The answer or the web server's end of the request, whichever comes first,
			// answers it: never both.
			var claimed = new AtomicBoolean();
			async.addListener(new Abandon(ask.poll(), claimed));
			answer.whenComplete((fetched, failure) -> {
				if (!claimed.compareAndSet(false, true)) {
					return;
				}
				RequestContextHolder.setRequestAttributes(attributes);
				try {
					answer(request, response, () -> delivery.answer(ask, BundleDelivery.await(ask), request, response));
				}
				catch (IOException | ServletException | RuntimeException ex) {
					log.debug("event=long_poll_answer_failed", ex);
				}
				finally {
					RequestContextHolder.resetRequestAttributes();
					complete(async);
				}
			});
		});
	}

	/**
	 * Runs what answers the request: a refused token is audited and answered 401, and
	 * what else fails is answered by the MVC exception resolvers, as on the framework
	 * path.
	 */
	private void answer(HttpServletRequest request, HttpServletResponse response, Answer answer)
			throws ServletException, IOException {
		try {
			answer.run();
		}
		catch (InvalidAccessToken ex) {
			try {
				credentials.refuse(request, response, ex.getMessage());
			}
			catch (RuntimeException failure) {
				// A refusal that cannot be audited (the database away and the audit queue
				// full) is answered as any other failure: a 503, not an error escaping
				// to the container.
				resolve(request, response, failure);
			}
		}
		catch (RuntimeException ex) {
			resolve(request, response, ex);
		}
		catch (ServletException ex) {
			resolve(request, response, ex);
		}
	}

	/**
	 * Answers the failure with the MVC exception resolvers, as on the framework path, if
	 * nothing was sent yet and one takes it; throws it otherwise.
	 */
	private <E extends Exception> void resolve(HttpServletRequest request, HttpServletResponse response, E ex)
			throws E {
		if (response.isCommitted()) {
			throw ex;
		}
		// What the security chain's cache-control writer adds to an error answer.
		response.setHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
		response.setHeader("Pragma", "no-cache");
		response.setHeader("Expires", "0");
		if (exceptions.resolveException(request, response, null, ex) == null) {
			throw ex;
		}
	}

	private interface Answer {

		void run() throws IOException, ServletException;

	}

	private static void complete(AsyncContext async) {
		try {
			async.complete();
		}
		catch (IllegalStateException ex) {
			log.warn("event=long_poll_complete_failed error={}", ex.getClass().getSimpleName());
		}
	}

	/**
	 * Ends the poll when its request ends first: the client left, or the safety timeout
	 * (a poll that somehow never answered: 503 with {@code Retry-After}).
	 */
	private record Abandon(LongPoller.Poll poll, AtomicBoolean claimed) implements AsyncListener {

		@Override
		public void onTimeout(AsyncEvent event) {
			end(event, true);
		}

		@Override
		public void onError(AsyncEvent event) {
			end(event, false);
		}

		private void end(AsyncEvent event, boolean timedOut) {
			// Claimed before the poll ends, whose own answer would otherwise come first.
			var answers = claimed.compareAndSet(false, true);
			poll.abandon();
			if (!answers) {
				return;
			}
			if (timedOut && event.getSuppliedResponse() instanceof HttpServletResponse response
					&& !response.isCommitted()) {
				response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
				response.setHeader("Retry-After", "1");
			}
			complete(event.getAsyncContext());
		}

		@Override
		public void onComplete(AsyncEvent event) {
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
		}

	}

}
