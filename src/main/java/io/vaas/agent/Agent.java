package io.vaas.agent;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The agent's commands (SPEC §4): {@code fetch} once (init container), {@code watch} as a
 * sidecar, {@code doctor}, {@code exec} and {@code version}. {@link #run} returns the
 * process exit code.
 */
final class Agent {

	static final String VERSION = "0.1.0";

	static final int LONG_POLL_SECONDS = 55;

	static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

	private final PrintStream out;

	private final PrintStream err;

	private final Map<String, String> env;

	private Log log;

	Agent(PrintStream out, PrintStream err, Map<String, String> env) {
		this.out = out;
		this.err = err;
		this.env = env;
	}

	int run(String[] args) {
		AgentOptions options;
		try {
			options = AgentOptions.parse(args, env);
		}
		catch (IllegalArgumentException ex) {
			err.println("vaas-agent: " + ex.getMessage());
			return ExitCode.USAGE.code();
		}
		log = new Log(err, options.jsonLogs());
		try {
			return switch (options.command()) {
				case "version" -> {
					out.println("vaas-agent " + VERSION);
					yield ExitCode.OK.code();
				}
				case "fetch" -> fetch(options).code();
				case "watch" -> watch(options).code();
				case "doctor" -> Doctor.check(options.root(), options.seedFile(), out).code();
				case "exec" -> exec(options);
				default -> ExitCode.USAGE.code();
			};
		}
		catch (AgentFailure failure) {
			log.event("failed", "exit", Integer.toString(failure.code().code()), "reason", failure.getMessage());
			return failure.code().code();
		}
	}

	/**
	 * Once: exchange (or resume), fetch, verify, write every area, report, mark ready.
	 */
	private ExitCode fetch(AgentOptions options) {
		Verifier.prepare();
		var client = new ServerClient(options.server(), options.cacert(), log);
		var writer = new AtomicWriter(options.uid(), options.gid());
		var token = new Credentials(options, client, log).session();
		var areas = client.areas(token.value());
		checkAreas(options, areas);
		var bundle = client.bundle(token, null, 0).orElseThrow();
		apply(options, client, writer, token, areas, bundle);
		return ExitCode.OK;
	}

	/**
	 * As a sidecar: long-poll, apply each new bundle, reload, renew; back off and keep
	 * the files on failures.
	 */
	private ExitCode watch(AgentOptions options) {
		Verifier.prepare();
		var client = new ServerClient(options.server(), options.cacert(), log);
		var writer = new AtomicWriter(options.uid(), options.gid());
		var reloader = new Reloader(options, log);
		String known = null;
		ServerClient.Token token = null;
		List<String> areas = null;
		var backoff = Duration.ofSeconds(1);
		while (true) {
			if (options.exitWithPid() > 0
					&& ProcessHandle.of(options.exitWithPid()).map(ProcessHandle::isAlive).orElse(false) == false) {
				log.event("application_exited", "pid", Long.toString(options.exitWithPid()));
				return ExitCode.OK;
			}
			try {
				if (token == null || Credentials.needsRenewal(token)) {
					var credentials = new Credentials(options, client, log);
					token = token == null ? credentials.session() : credentials.renew(token);
					areas = client.areas(token.value());
					checkAreas(options, areas);
				}
				reloader.runIfDue();
				var wait = options.exitWithPid() > 0 || reloader.pending() ? 2 : LONG_POLL_SECONDS;
				var fetched = client.bundle(token, known, wait);
				if (fetched.isPresent()) {
					if (apply(options, client, writer, token, areas, fetched.get())) {
						reloader.swapped();
					}
					known = fetched.get().digest();
				}
				backoff = Duration.ofSeconds(1);
			}
			catch (AgentFailure failure) {
				if (failure.code() == ExitCode.AUTH_REFUSED && token != null) {
					// The session ended (revoked or past its lifetime): start over from
					// the seed once.
					token = null;
					log.event("session_ended", "reason", failure.getMessage());
				}
				else if (failure.code() == ExitCode.AUTH_REFUSED || failure.code() == ExitCode.USAGE) {
					throw failure;
				}
				log.event("retrying", "reason", failure.getMessage(), "in_ms", Long.toString(backoff.toMillis()));
				sleep(jitter(backoff));
				backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
			}
		}
	}

	/** Verifies, then writes every area; returns whether any area changed. */
	private boolean apply(AgentOptions options, ServerClient client, AtomicWriter writer, ServerClient.Token token,
			List<String> areas, Manifest bundle) {
		try {
			Verifier.verify(bundle, client.jwks());
		}
		catch (AgentFailure failure) {
			// A key rotated since the keys were read: read them again once.
			client.forgetKeys();
			Verifier.verify(bundle, client.jwks());
		}
		boolean changed = false;
		for (var area : areas) {
			var files = bundle.files().stream().filter(file -> file.area().equals(area)).toList();
			var directory = options.root().resolve(area);
			changed |= writer.write(directory, files, bundle.digest());
			writer.ready(directory);
		}
		client.applied(token.value(), bundle.digest(), bundle.bundle());
		log.event(changed ? "applied" : "unchanged", "bundle", bundle.bundle(), "revision",
				Long.toString(bundle.revision()), "digest", bundle.digest());
		return changed;
	}

	private void checkAreas(AgentOptions options, List<String> areas) {
		if (areas.contains("secret")) {
			var secret = options.root().resolve("secret");
			try {
				Files.createDirectories(secret);
			}
			catch (IOException ex) {
				throw new AgentFailure(ExitCode.WRITE_FAILED, "cannot create " + secret, ex);
			}
			if (!Mounts.isTmpfs(secret)) {
				if (!options.allowNonTmpfsSecrets()) {
					throw new AgentFailure(ExitCode.WRITE_FAILED, secret
							+ " is not on tmpfs; refusing to write secrets to disk (--allow-non-tmpfs-secrets to override)");
				}
				log.event("warning", "message",
						"WARNING: " + secret + " is not on tmpfs! Secrets are written to disk!");
			}
		}
	}

	/** Sources the areas' ENV files in a shell and runs the command with them. */
	private int exec(AgentOptions options) {
		var command = new ArrayList<String>(List.of("/bin/sh", "-c",
				"for f in \"$0/configuration/ENV\" \"$0/secret/ENV\"; do [ -f \"$f\" ] && . \"$f\"; done; exec \"$@\"",
				options.root().toString()));
		command.addAll(options.arguments());
		try {
			var process = new ProcessBuilder(command).inheritIO().start();
			return process.waitFor();
		}
		catch (IOException ex) {
			throw new AgentFailure(ExitCode.USAGE, "cannot run " + options.arguments().getFirst(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return ExitCode.OK.code();
		}
	}

	private static Duration jitter(Duration base) {
		return base.plusMillis(ThreadLocalRandom.current().nextLong(base.toMillis() / 2 + 1));
	}

	static void sleep(Duration duration) {
		try {
			TimeUnit.MILLISECONDS.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
