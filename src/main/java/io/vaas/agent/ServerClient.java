package io.vaas.agent;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The server's agent API over {@code java.net.http}. */
final class ServerClient {

	static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

	static final String SEED_TYPE = "urn:vaas:params:token-type:seed";

	static final String JWT_TYPE = "urn:ietf:params:oauth:token-type:jwt";

	static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

	private final String server;

	private final HttpClient http;

	private Map<String, Object> jwks;

	ServerClient(String server, Path cacert) {
		this.server = server;
		var builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
		if (cacert != null) {
			builder.sslContext(trusting(cacert));
		}
		this.http = builder.build();
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
		var response = send(HttpRequest.newBuilder(uri("/api/v1/auth/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)), 30);
		return token(response, refusal);
	}

	Token renew(String token) {
		var response = send(HttpRequest.newBuilder(uri("/api/v1/auth/renew"))
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.noBody()), 30);
		return token(response, "the server refused to renew the session");
	}

	@SuppressWarnings("unchecked")
	List<String> areas(String token) {
		var response = send(
				HttpRequest.newBuilder(uri("/api/v1/agent/session")).header("Authorization", "Bearer " + token).GET(),
				30);
		refused(response, "the server refused the access token");
		return (List<String>) Json.object(response.body()).get("areas");
	}

	/**
	 * The bundle, or empty when the server answers 304 (nothing new within
	 * {@code waitSeconds}).
	 */
	Optional<Manifest> bundle(String token, String knownDigest, int waitSeconds) {
		var request = HttpRequest
			.newBuilder(uri("/api/v1/agent/bundle" + (waitSeconds > 0 ? "?wait=" + waitSeconds : "")))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/json")
			.GET();
		if (knownDigest != null) {
			request.header("If-None-Match", "\"" + knownDigest + "\"");
		}
		var response = send(request, waitSeconds + 30);
		if (response.statusCode() == 304) {
			return Optional.empty();
		}
		refused(response, "the server refused the access token");
		return Optional.of(Manifest.parse(response.body()));
	}

	Map<String, Object> jwks() {
		if (jwks == null) {
			var response = send(HttpRequest.newBuilder(uri("/.well-known/jwks.json")).GET(), 30);
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
		var response = send(HttpRequest.newBuilder(uri("/api/v1/agent/applied"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)), 30);
		refused(response, "the server refused the applied report");
	}

	private Token token(HttpResponse<String> response, String refusal) {
		if (response.statusCode() == 400 || response.statusCode() == 401 || response.statusCode() == 403) {
			throw new AgentFailure(ExitCode.AUTH_REFUSED, refusal + " (" + response.statusCode() + ")");
		}
		refused(response, refusal);
		var json = Json.object(response.body());
		var expiresIn = ((Number) json.get("expires_in")).longValue();
		return new Token((String) json.get("access_token"), System.currentTimeMillis() / 1000 + expiresIn);
	}

	private static void refused(HttpResponse<String> response, String refusal) {
		int status = response.statusCode();
		if (status == 401 || status == 403) {
			throw new AgentFailure(ExitCode.AUTH_REFUSED, refusal + " (" + status + ")");
		}
		if (status / 100 != 2) {
			throw new AgentFailure(ExitCode.UNREACHABLE, "the server answered " + status);
		}
	}

	private HttpResponse<String> send(HttpRequest.Builder request, int timeoutSeconds) {
		try {
			return http.send(request.timeout(Duration.ofSeconds(timeoutSeconds)).build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new AgentFailure(ExitCode.UNREACHABLE,
					"cannot reach " + server + ": " + ex.getClass().getSimpleName(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AgentFailure(ExitCode.UNREACHABLE, "interrupted");
		}
	}

	private URI uri(String path) {
		return URI.create(server + path);
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
