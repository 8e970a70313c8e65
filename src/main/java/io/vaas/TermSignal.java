package io.vaas;

import sun.misc.Signal;

/**
 * SIGTERM is how platforms ask a server to stop (Kubernetes, Docker, systemd). The JVM
 * would run the shutdown (a graceful one: waiting long-polls answered, requests in flight
 * finished) and then exit with 143; this handler runs the same shutdown through
 * {@code System.exit(0)}, so a stop that went as asked ends with status 0.
 */
final class TermSignal {

	private TermSignal() {
	}

	static void exitZeroOnTerm() {
		try {
			Signal.handle(new Signal("TERM"),
					signal -> Thread.ofPlatform().name("vaas-sigterm").start(() -> System.exit(0)));
		}
		catch (IllegalArgumentException | UnsupportedOperationException ex) {
			// No SIGTERM here (or the JVM keeps it): the default handling stays.
		}
	}

}
