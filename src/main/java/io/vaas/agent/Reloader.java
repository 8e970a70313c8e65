package io.vaas.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Tells the application to reload: once per swap (the first after a restart included),
 * after {@code --debounce} of quiet, by {@code --exec} (with a timeout) or by
 * {@code --signal} to the pid in {@code --pid-file}.
 */
final class Reloader {

	private final AgentOptions options;

	private final Log log;

	private Instant lastSwap;

	Reloader(AgentOptions options, Log log) {
		this.options = options;
		this.log = log;
	}

	void swapped() {
		lastSwap = Instant.now();
	}

	boolean pending() {
		return lastSwap != null;
	}

	void runIfDue() {
		if (lastSwap == null || Instant.now().isBefore(lastSwap.plus(options.debounce()))) {
			return;
		}
		lastSwap = null;
		if (!options.reloadCommand().isEmpty()) {
			runCommand();
		}
		if (!options.signal().isEmpty()) {
			signal();
		}
	}

	private void runCommand() {
		try {
			var process = new ProcessBuilder("/bin/sh", "-c", options.reloadCommand()).inheritIO().start();
			if (!process.waitFor(options.reloadTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				log.event("reload_timeout", "after_ms", Long.toString(options.reloadTimeout().toMillis()));
				return;
			}
			log.event("reloaded", "exit", Integer.toString(process.exitValue()));
		}
		catch (IOException ex) {
			log.event("reload_failed", "reason", ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void signal() {
		try {
			var pid = Files.readString(options.pidFile()).strip();
			if (!pid.matches("\\d+")) {
				log.event("reload_failed", "reason", "pid file does not hold a pid");
				return;
			}
			var process = new ProcessBuilder("kill", "-" + options.signal(), pid).inheritIO().start();
			process.waitFor(5, TimeUnit.SECONDS);
			log.event("signalled", "signal", options.signal(), "pid", pid);
		}
		catch (IOException ex) {
			log.event("reload_failed", "reason", ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
