package io.vaas.agent;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The server's agent API over the JDK's {@link HttpURLConnection}: no client to build, no
 * selector thread, TLS set up only for an {@code https} server (the agent starts in a
 * fraction of the time {@code java.net.http} took, and its runtime needs
 * {@code java.base} alone).
 */
final class ServerClient {

	static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

	static final String SEED_TYPE = "urn:vaas:params:token-type:seed";

	static final String JWT_TYPE = "urn:ietf:params:oauth:token-type:jwt";

	static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

	private final String server;

	private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

	/**
	 * The socket factory trusting {@code --cacert}, or null for the JDK's trust store.
	 */
	private final SSLSocketFactory tls;

	private Map<String, Object> jwks;

	ServerClient(String server, Path cacert) {
		this.server = server;
		this.tls = cacert == null ? null : trusting(cacert).getSocketFactory();
	}

	/** An access token and its lifetime. {@code toString} never shows the token. */
	record Token(String value, long expiresAt) {

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
		var response = send("POST", "/api/v1/auth/token", null, "application/x-www-form-urlencoded", form, 30);
		return token(response, refusal);
	}

	Token renew(String token) {
		var response = send("POST", "/api/v1/auth/renew", token, null, "", 30);
		return token(response, "the server refused to renew the session");
	}

	@SuppressWarnings("unchecked")
	List<String> areas(String token) {
		var response = send("GET", "/api/v1/agent/session", token, null, null, 30);
		refused(response, "the server refused the access token");
		return (List<String>) Json.object(response.body()).get("areas");
	}

	/**
	 * The bundle, or empty when the server answers 304 (nothing new within
	 * {@code waitSeconds}).
	 */
	Optional<Manifest> bundle(String token, String knownDigest, int waitSeconds) {
		var path = "/api/v1/agent/bundle" + (waitSeconds > 0 ? "?wait=" + waitSeconds : "");
		var response = send("GET", path, token, knownDigest == null ? null : "\"" + knownDigest + "\"", null,
				waitSeconds + 30);
		if (response.status() == 304) {
			return Optional.empty();
		}
		refused(response, "the server refused the access token");
		return Optional.of(Manifest.parse(response.body()));
	}

	Map<String, Object> jwks() {
		if (jwks == null) {
			var response = send("GET", "/.well-known/jwks.json", null, null, null, 30);
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
		var response = send("POST", "/api/v1/agent/applied", token, "application/json", body, 30);
		refused(response, "the server refused the applied report");
	}

	private Token token(Response response, String refusal) {
		if (response.status() == 400 || response.status() == 401 || response.status() == 403) {
			throw new AgentFailure(ExitCode.AUTH_REFUSED, refusal + " (" + response.status() + ")");
		}
		refused(response, refusal);
		var json = Json.object(response.body());
		var expiresIn = ((Number) json.get("expires_in")).longValue();
		return new Token((String) json.get("access_token"), System.currentTimeMillis() / 1000 + expiresIn);
	}

	private static void refused(Response response, String refusal) {
		int status = response.status();
		if (status == 401 || status == 403) {
			throw new AgentFailure(ExitCode.AUTH_REFUSED, refusal + " (" + status + ")");
		}
		if (status / 100 != 2) {
			throw new AgentFailure(ExitCode.UNREACHABLE, "the server answered " + status);
		}
	}

	/** A status and its body, read whole. */
	private record Response(int status, String body) {
	}

	/**
	 * One request. The {@code If-None-Match} value is given for a conditional GET, the
	 * content type for a body. The connection goes back to the JDK's keep-alive cache
	 * once the body is read.
	 */
	private Response send(String method, String path, String bearer, String ifNoneMatchOrType, String body,
			int timeoutSeconds) {
		try {
			var connection = (HttpURLConnection) URI.create(server + path).toURL().openConnection();
			if (connection instanceof HttpsURLConnection https && tls != null) {
				https.setSSLSocketFactory(tls);
			}
			connection.setInstanceFollowRedirects(false);
			connection.setUseCaches(false);
			connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
			connection.setReadTimeout(timeoutSeconds * 1000);
			connection.setRequestMethod(method);
			connection.setRequestProperty("Accept", "application/json");
			if (bearer != null) {
				connection.setRequestProperty("Authorization", "Bearer " + bearer);
			}
			if (body != null) {
				byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
				if (ifNoneMatchOrType != null) {
					connection.setRequestProperty("Content-Type", ifNoneMatchOrType);
				}
				connection.setDoOutput(true);
				connection.setFixedLengthStreamingMode(bytes.length);
				try (var out = connection.getOutputStream()) {
					out.write(bytes);
				}
			}
			else if (ifNoneMatchOrType != null) {
				connection.setRequestProperty("If-None-Match", ifNoneMatchOrType);
			}
			int status = connection.getResponseCode();
			var in = status < 400 ? connection.getInputStream() : connection.getErrorStream();
			if (in == null || status == 204 || status == 304) {
				// No body, whatever Content-Length a proxy left on the answer.
				if (in != null) {
					in.close();
				}
				return new Response(status, "");
			}
			try (in) {
				return new Response(status,
						new String(AnswerBody.read(in, connection.getContentLengthLong(), AnswerBody.MAX_BYTES),
								StandardCharsets.UTF_8));
			}
		}
		catch (AnswerBody.TooLarge ex) {
			throw new AgentFailure(ExitCode.UNREACHABLE, server + " answered with " + ex.getMessage(), ex);
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new AgentFailure(ExitCode.UNREACHABLE,
					"cannot reach " + server + ": " + ex.getClass().getSimpleName(), ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static SSLContext trusting(Path cacert) {
		try (InputStream in = Files.newInputStream(cacert)) {
			var store = KeyStore.getInstance(KeyStore.getDefaultType());
			store.load(null, null);
			int i = 0;
			for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
				store.setCertificateEntry("ca" + i++, certificate);
			}
			var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(store);
			var context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new AgentFailure(ExitCode.USAGE, "cannot read --cacert " + cacert, ex);
		}
	}

}
