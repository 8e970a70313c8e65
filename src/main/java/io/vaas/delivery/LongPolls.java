package io.vaas.delivery;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Ends waiting long-polls when the server stops: it stops before the web server's
 * graceful shutdown begins (a higher phase), so by the time that waits for requests in
 * flight, no request is waiting for a change that will never be sent from here. Each
 * waiter answers at once (503 with {@code Retry-After}) and its agent reconnects, with
 * jitter, to a replica that stays.
 */
@Component
public class LongPolls implements SmartLifecycle {

	private final ChangeFeed feed;

	private volatile boolean running;

	private volatile boolean draining;

	LongPolls(ChangeFeed feed) {
		this.feed = feed;
	}

	/** Whether the server is stopping: a long-poll must not start or go on waiting. */
	public boolean draining() {
		return draining;
	}

	@Override
	public void start() {
		draining = false;
		running = true;
	}

	@Override
	public void stop() {
		draining = true;
		running = false;
		feed.nudgeAll();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/**
	 * Before {@code WebServerGracefulShutdownLifecycle} ({@code DEFAULT_PHASE - 1024}).
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 512;
	}

}
