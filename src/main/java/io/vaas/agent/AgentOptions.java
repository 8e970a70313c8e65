package io.vaas.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Flags with their environment fallbacks (SPEC §4), resolved once.
 *
 * @param command fetch, watch, doctor, exec or version
 * @param server the server's base URL ({@code --server}, {@code VAAS_SERVER})
 * @param seedFile the seed ({@code --seed-file}, default {@code /con/seed/token}): a
 * {@code vaas_seed_} token, a key seed's PEM private key, or an identity token (a JWT)
 * @param bundle the bundle an identity token asks for, {@code namespace/bundle}
 * ({@code --bundle}, {@code VAAS_BUNDLE}); empty when not given
 * @param tokenEndpoint the token endpoint's URL as the server knows it, which key-seed
 * assertions name as their audience ({@code --token-endpoint},
 * {@code VAAS_TOKEN_ENDPOINT}; default the server's {@code /api/v1/auth/token})
 * @param root the {@code /con} root ({@code --root})
 * @param stateFile session state ({@code --state-file}, default
 * {@code <root>/secret/..vaas-session})
 * @param cacert a PEM CA certificate to trust for https ({@code --cacert})
 * @param reloadCommand run after each swap ({@code --exec "cmd"})
 * @param signal signal for the process in {@code pidFile} after each swap
 * ({@code --signal HUP})
 * @param pidFile the application's pid file ({@code --pid-file})
 * @param debounce quiet time before a reload ({@code --debounce}, default 1 s)
 * @param reloadTimeout how long a reload command may run ({@code --reload-timeout},
 * default 30 s)
 * @param exitWithPid end {@code watch} when this process has exited
 * ({@code --exit-with-pid})
 * @param allowNonTmpfsSecrets warn instead of refusing when {@code secret} is not on
 * tmpfs
 * @param jsonLogs one JSON object per log line ({@code --log-format json})
 * @param uid owner for written files when running as root ({@code --uid})
 * @param gid group for written files when running as root ({@code --gid})
 * @param arguments what follows {@code --} (for {@code exec})
 */
record AgentOptions(String command, String server, Path seedFile, String bundle, String tokenEndpoint, Path root,
		Path stateFile, Path cacert, String reloadCommand, String signal, Path pidFile, Duration debounce,
		Duration reloadTimeout, long exitWithPid, boolean allowNonTmpfsSecrets, boolean jsonLogs, int uid, int gid,
		List<String> arguments) {

	static final List<String> COMMANDS = List.of("fetch", "watch", "doctor", "exec", "version");

	/**
	 * @throws IllegalArgumentException with a usage message
	 */
	static AgentOptions parse(String[] args, Map<String, String> env) {
		if (args.length == 0 || !COMMANDS.contains(args[0])) {
			throw new IllegalArgumentException(
					"usage: vaas-agent fetch|watch|doctor|exec|version [flags] [-- command…]");
		}
		var values = new java.util.HashMap<String, String>();
		var flags = new java.util.HashSet<String>();
		var rest = new ArrayList<String>();
		for (int i = 1; i < args.length; i++) {
			var arg = args[i];
			if (arg.equals("--")) {
				rest.addAll(List.of(args).subList(i + 1, args.length));
				break;
			}
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("unexpected argument: " + arg);
			}
			var name = arg.substring(2);
			var eq = name.indexOf('=');
			if (eq >= 0) {
				values.put(name.substring(0, eq), name.substring(eq + 1));
			}
			else if (name.equals("allow-non-tmpfs-secrets")) {
				flags.add(name);
			}
			else if (i + 1 < args.length) {
				values.put(name, args[++i]);
			}
			else {
				throw new IllegalArgumentException("--" + name + " needs a value");
			}
		}
		var known = List.of("server", "seed-file", "bundle", "token-endpoint", "root", "state-file", "cacert", "exec",
				"signal", "pid-file", "debounce", "reload-timeout", "exit-with-pid", "log-format", "uid", "gid");
		for (var name : values.keySet()) {
			if (!known.contains(name)) {
				throw new IllegalArgumentException("unknown flag --" + name);
			}
		}
		var root = Path.of(value(values, env, "root", "VAAS_ROOT", "/con"));
		var server = value(values, env, "server", "VAAS_SERVER", "");
		if (server.endsWith("/")) {
			server = server.substring(0, server.length() - 1);
		}
		var needsServer = args[0].equals("fetch") || args[0].equals("watch");
		if (needsServer && !(server.startsWith("http://") || server.startsWith("https://"))) {
			throw new IllegalArgumentException("--server (or VAAS_SERVER) must be an http:// or https:// URL");
		}
		if (args[0].equals("exec") && rest.isEmpty()) {
			throw new IllegalArgumentException("exec needs a command after --");
		}
		var signal = value(values, env, "signal", "VAAS_SIGNAL", "");
		var pidFile = value(values, env, "pid-file", "VAAS_PID_FILE", "");
		if (!signal.isEmpty() && (pidFile.isEmpty() || !signal.matches("[A-Z0-9]+"))) {
			throw new IllegalArgumentException("--signal needs a signal name such as HUP and --pid-file");
		}
		var bundle = value(values, env, "bundle", "VAAS_BUNDLE", "");
		// The server's rules: a namespace is a DNS label, a bundle name may also hold
		// '_'.
		if (!bundle.isEmpty()
				&& !bundle.matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?/[a-z0-9]([a-z0-9_-]{0,61}[a-z0-9])?")) {
			throw new IllegalArgumentException("--bundle (or VAAS_BUNDLE) must be namespace/bundle");
		}
		var tokenEndpoint = value(values, env, "token-endpoint", "VAAS_TOKEN_ENDPOINT", server + "/api/v1/auth/token");
		return new AgentOptions(args[0], server,
				Path.of(value(values, env, "seed-file", "VAAS_SEED_FILE", "/con/seed/token")), bundle, tokenEndpoint,
				root,
				Path.of(value(values, env, "state-file", "VAAS_STATE_FILE",
						root.resolve("secret/..vaas-session").toString())),
				pathOrNull(value(values, env, "cacert", "VAAS_CACERT", "")),
				value(values, env, "exec", "VAAS_EXEC", ""), signal, pathOrNull(pidFile),
				duration(value(values, env, "debounce", "VAAS_DEBOUNCE", "1s")),
				duration(value(values, env, "reload-timeout", "VAAS_RELOAD_TIMEOUT", "30s")),
				Long.parseLong(value(values, env, "exit-with-pid", "VAAS_EXIT_WITH_PID", "0")),
				flags.contains("allow-non-tmpfs-secrets") || "true".equals(env.get("VAAS_ALLOW_NON_TMPFS_SECRETS")),
				"json".equals(value(values, env, "log-format", "VAAS_LOG_FORMAT", "text")),
				Integer.parseInt(value(values, env, "uid", "VAAS_UID", "-1")),
				Integer.parseInt(value(values, env, "gid", "VAAS_GID", "-1")), List.copyOf(rest));
	}

	private static String value(Map<String, String> values, Map<String, String> env, String flag, String variable,
			String fallback) {
		var value = values.get(flag);
		if (value == null) {
			value = env.get(variable);
		}
		return value == null ? fallback : value;
	}

	private static Path pathOrNull(String value) {
		return value.isEmpty() ? null : Path.of(value);
	}

	/** {@code 500ms}, {@code 2s}, {@code 1m}. */
	static Duration duration(String text) {
		try {
			if (text.endsWith("ms")) {
				return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
			}
			if (text.endsWith("s")) {
				return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
			}
			if (text.endsWith("m")) {
				return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
			}
			return Duration.ofSeconds(Long.parseLong(text));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("not a duration: " + text + " (use 500ms, 2s or 1m)");
		}
	}

}
