package io.vaas.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real HTTP client for the server under test, as an operator or an agent would call it.
 */
public final class Api {

	/**
	 * The bootstrap admin token the integration tests start the server with (40
	 * characters).
	 */
	public static final String ADMIN_TOKEN = "test-bootstrap-admin-token-0123456789abcd";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	/** Where the bundle path goes: the server's port, or the agents' port. */
	private final String bundles;

	public Api(int port) {
		this(port, port);
	}

	private Api(int port, int bundlePort) {
		this.base = "http://127.0.0.1:" + port;
		this.bundles = "http://127.0.0.1:" + bundlePort;
	}

	/**
	 * The same server with {@code /api/v1/agent/bundle} (and whatever starts so) called
	 * on the agents' port ({@code vaas.agents.port}).
	 */
	public Api withAgentsPort(int agentsPort) {
		return new Api(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), agentsPort);
	}

	/** The absolute URL of a path on this server. */
	public String url(String path) {
		return (path.startsWith("/api/v1/agent/bundle") ? bundles : base) + path;
	}

	public static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	public Call call(String method, String path) {
		return new Call(method, path);
	}

	public Reply get(String path, String token) {
		return call("GET", path).token(token).send();
	}

	public Reply put(String path, String token, String json) {
		return call("PUT", path).token(token).json(json).send();
	}

	public Reply post(String path, String token, String json) {
		return call("POST", path).token(token).json(json).send();
	}

	public Reply delete(String path, String token) {
		return call("DELETE", path).token(token).send();
	}

	/** Creates a namespace as the bootstrap admin. */
	public void namespace(String name) {
		put("/api/v1/namespaces/" + name, ADMIN_TOKEN, "").expect(201);
	}

	/** Creates a token as the bootstrap admin and returns its value. */
	public String token(String namespace, String role) {
		var body = """
				{"name":"%s","roles":[{"namespace":"%s","role":"%s"}]}""".formatted(unique(role), namespace, role);
		return post("/api/v1/tokens", ADMIN_TOKEN, body).expect(201).json().get("token").asString();
	}

	/**
	 * The audit log's answer to a query ({@code /api/v1/audit?<query>}, as the bootstrap
	 * admin) once {@code until} holds, or the last answer after 30 s: refusals and
	 * fetches are appended in batches, a moment after the request (longer when every core
	 * is busy).
	 */
	public JsonNode audit(String query, java.util.function.Predicate<JsonNode> until) {
		var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (true) {
			var page = get("/api/v1/audit?" + query, ADMIN_TOKEN).expect(200).json();
			if (until.test(page) || System.nanoTime() > deadline) {
				return page;
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return page;
			}
		}
	}

	/** How many audit events match once there are at least {@code expected}. */
	public long auditCount(String query, long expected) {
		return audit(query + "&size=1", page -> page.get("totalEvents").asLong() >= expected).get("totalEvents")
			.asLong();
	}

	public static JsonNode parse(String json) {
		return JSON.readTree(json);
	}

	public final class Call {

		private final String method;

		private final String path;

		private final List<String> headers = new ArrayList<>();

		private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

		Call(String method, String path) {
			this.method = method;
			this.path = path;
		}

		public Call token(@Nullable String token) {
			return token == null ? this : header("Authorization", "Bearer " + token);
		}

		public Call header(String name, String value) {
			headers.add(name);
			headers.add(value);
			return this;
		}

		public Call json(String json) {
			body = HttpRequest.BodyPublishers.ofString(json);
			return json.isEmpty() ? this : header("Content-Type", "application/json");
		}

		public Call body(String contentType, byte[] bytes) {
			body = HttpRequest.BodyPublishers.ofByteArray(bytes);
			return header("Content-Type", contentType);
		}

		public Call publisher(String contentType, HttpRequest.BodyPublisher publisher) {
			body = publisher;
			return header("Content-Type", contentType);
		}

		public Reply send() {
			var request = HttpRequest.newBuilder(URI.create(url(path)))
				.timeout(Duration.ofSeconds(30))
				.method(method, body);
			if (!headers.isEmpty()) {
				request.headers(headers.toArray(String[]::new));
			}
			try {
				var response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
				return new Reply(response.statusCode(), response.headers(), response.body());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

	/** A response, with assertions that print the body when they fail. */
	public record Reply(int status, java.net.http.HttpHeaders headers, String body) {

		public Reply expect(int expected) {
			assertThat(status).as("status of a response with body %s", body).isEqualTo(expected);
			return this;
		}

		/**
		 * Expects an RFC 9457 problem with this status and
		 * {@code urn:vaas:problem:<slug>} type.
		 */
		public Reply expectProblem(int expected, String slug) {
			expect(expected);
			assertThat(header("Content-Type")).as("content type of %s", body).startsWith("application/problem+json");
			var problem = json();
			assertThat(problem.get("type").asString()).as("problem type in %s", body)
				.isEqualTo("urn:vaas:problem:" + slug);
			assertThat(problem.get("status").asInt()).isEqualTo(expected);
			assertThat(problem.get("title").asString()).isNotBlank();
			assertThat(problem.get("detail").asString()).isNotBlank();
			assertThat(body).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("trace");
			return this;
		}

		public JsonNode json() {
			return parse(body);
		}

		public @Nullable String header(String name) {
			return headers.firstValue(name).orElse(null);
		}

	}

}
