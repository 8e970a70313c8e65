package io.vaas.agent;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The server's agent API, its requests made by {@link AgentHttp}. */
final class ServerClient {

	static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

	static final String SEED_TYPE = "urn:vaas:params:token-type:seed";

	static final String JWT_TYPE = "urn:ietf:params:oauth:token-type:jwt";

	static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

	/**
	 * How long bundles are fetched from the server itself after the bundle server failed.
	 */
	static final long BUNDLE_SERVER_PAUSE_MILLIS = 60_000;

	private final String server;

	private final Path cacert;

	private final AgentHttp http;

	private final Log log;

	private Map<String, Object> jwks;

	/** The bundle server's client, made for {@link #bundleServerOf} of the last token. */
	private AgentHttp bundles;

	private long bundleServerPausedUntil;

	/** A bundle server not used because it would take the token off TLS (told once). */
	private String ignored;

	ServerClient(String server, Path cacert) {
		this(server, cacert, null);
	}

	/**
	 * {@code log} is told when bundles are fetched elsewhere than planned; may be null.
	 */
	ServerClient(String server, Path cacert, Log log) {
		this.server = server;
		this.cacert = cacert;
		this.log = log;
		this.http = new AgentHttp(server, cacert, AgentHttp.ANSWER_GRACE_SECONDS);
	}

	/**
	 * An access token, its lifetime, and where bundles are fetched with it (the server's
	 * {@code bundle_server}, or null for the server itself). {@code toString} never shows
	 * the token.
	 */
	record Token(String value, long expiresAt, String bundleServer) {

		@Override
		public String toString() {
			return "Token[expiresAt=" + expiresAt + "]";
		}

	}

	/**
	 * Exchanges what the seed file holds: a seed token, a key seed's assertion, or a JWT.
	 */
	Token exchange(SeedFile seed, AgentOptions options) {
		return switch (seed) {
			case SeedFile.Token token ->
				post("grant_type=" + encode(TOKEN_EXCHANGE) + "&subject_token=" + encode(token.value())
						+ "&subject_token_type=" + encode(SEED_TYPE), "the server refused the seed");
			case SeedFile.Key key -> post("grant_type=" + encode(JWT_BEARER) + "&assertion="
					+ encode(key.key().assertion(options.tokenEndpoint())), "the server refused the key seed");
			case SeedFile.Identity identity -> {
				if (options.bundle().isEmpty()) {
					throw new AgentFailure(ExitCode.USAGE,
							"the seed is an identity token (a JWT): name its bundle with --bundle namespace/bundle "
									+ "(or VAAS_BUNDLE)");
				}
				yield post(
						"grant_type=" + encode(TOKEN_EXCHANGE) + "&subject_token=" + encode(identity.jwt())
								+ "&subject_token_type=" + encode(JWT_TYPE) + "&resource="
								+ encode("urn:vaas:bundle:" + options.bundle()),
						"the server refused the identity token");
			}
		};
	}

	private Token post(String form, String refusal) {
		var response = http.send("POST", "/api/v1/auth/token", null, "application/x-www-form-urlencoded", form, 30);
		return token(response, refusal);
	}

	Token renew(String token) {
		var response = http.send("POST", "/api/v1/auth/renew", token, null, "", 30);
		return token(response, "the server refused to renew the session");
	}

	@SuppressWarnings("unchecked")
	List<String> areas(String token) {
		var response = http.send("GET", "/api/v1/agent/session", token, null, null, 30);
		refused(response, "the server refused the access token");
		return (List<String>) Json.object(response.body()).get("areas");
	}

	/**
	 * The bundle, or empty when the server answers 304 (nothing new within
	 * {@code waitSeconds}).
	 */
	Optional<Manifest> bundle(Token token, String knownDigest, int waitSeconds) {
		var path = "/api/v1/agent/bundle" + (waitSeconds > 0 ? "?wait=" + waitSeconds : "");
		var etag = knownDigest == null ? null : "\"" + knownDigest + "\"";
		var elsewhere = bundleServerOf(token);
		if (elsewhere != null) {
			try {
				return bundle(elsewhere.send("GET", path, token.value(), etag, null, waitSeconds + 30));
			}
			catch (AgentFailure failure) {
				if (failure.code() != ExitCode.UNREACHABLE) {
					throw failure;
				}
				// The server itself serves bundles too: it answers while the bundle
				// server
				// is away.
				bundleServerPausedUntil = System.currentTimeMillis() + BUNDLE_SERVER_PAUSE_MILLIS;
				tell("bundle_server_failed", "reason", failure.getMessage(), "fetching_from", server);
			}
		}
		return bundle(http.send("GET", path, token.value(), etag, null, waitSeconds + 30));
	}

	/**
	 * The client for the bundle server the token names, unless there is none, it would
	 * take the token from TLS to plain HTTP, or it failed within the last minute.
	 */
	private AgentHttp bundleServerOf(Token token) {
		var other = token.bundleServer();
		if (other == null || other.equals(server) || System.currentTimeMillis() < bundleServerPausedUntil) {
			return null;
		}
		if (server.startsWith("https:") && !other.startsWith("https:")) {
			if (!other.equals(ignored)) {
				ignored = other;
				tell("bundle_server_ignored", "reason", "it is plain HTTP and the server is HTTPS", "bundle_server",
						other);
			}
			return null;
		}
		if (bundles == null || !bundles.server().equals(other)) {
			bundles = new AgentHttp(other, cacert, AgentHttp.ANSWER_GRACE_SECONDS);
		}
		return bundles;
	}

	private void tell(String event, String... pairs) {
		if (log != null) {
			log.event(event, pairs);
		}
	}

	private static Optional<Manifest> bundle(AgentHttp.Response response) {
		if (response.status() == 304) {
			return Optional.empty();
		}
		refused(response, "the server refused the access token");
		return Optional.of(Manifest.parse(response.body()));
	}

	Map<String, Object> jwks() {
		if (jwks == null) {
			var response = http.send("GET", "/.well-known/jwks.json", null, null, null, 30);
			refused(response, "the server did not publish its keys");
			jwks = Json.object(response.body());
		}
		return jwks;
	}

	/** The keys are read again when a signature names a key this client has not seen. */
	void forgetKeys() {
		jwks = null;
	}

	void applied(String token, String digest, String bundle) {
		var body = "{\"digest\":\"" + digest + "\",\"bundle\":\"" + bundle + "\"}";
		var response = http.send("POST", "/api/v1/agent/applied", token, "application/json", body, 30);
		refused(response, "the server refused the applied report");
	}

	private Token token(AgentHttp.Response response, String refusal) {
		if (response.status() == 400 || response.status() == 401 || response.status() == 403) {
			throw new AgentFailure(ExitCode.AUTH_REFUSED, refusal + " (" + response.status() + ")");
		}
		refused(response, refusal);
		var json = Json.object(response.body());
		var expiresIn = ((Number) json.get("expires_in")).longValue();
		return new Token((String) json.get("access_token"), System.currentTimeMillis() / 1000 + expiresIn,
				json.get("bundle_server") instanceof String other ? other : null);
	}

	private static void refused(AgentHttp.Response response, String refusal) {
		int status = response.status();
		if (status == 401 || status == 403) {
			throw new AgentFailure(ExitCode.AUTH_REFUSED, refusal + " (" + status + ")");
		}
		if (status / 100 != 2) {
			throw new AgentFailure(ExitCode.UNREACHABLE, "the server answered " + status);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
