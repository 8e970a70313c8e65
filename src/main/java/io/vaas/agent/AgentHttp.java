package io.vaas.agent;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The agent's requests over the JDK's {@link HttpURLConnection}: no client to build, no
 * selector thread, TLS set up only for an {@code https} server (the agent starts in a
 * fraction of the time {@code java.net.http} took, and its runtime needs
 * {@code java.base} alone). Each request has a read timeout and a deadline for the whole
 * of it.
 */
final class AgentHttp {

	private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

	/**
	 * How much longer than its read timeout one request may take in all: the read timeout
	 * bounds each read, so a server trickling bytes would otherwise hold the agent (an
	 * init container holds its pod) for ever. Room for a large bundle on a slow link.
	 */
	static final int ANSWER_GRACE_SECONDS = 120;

	static {
		// An answer left unread (past its deadline, or refused) closes its connection:
		// the
		// JDK would otherwise drain up to 512 KB of it on a thread of its own, for as
		// long as
		// a trickling server keeps sending. Set before the JDK's HTTP classes read it.
		System.setProperty("http.KeepAlive.remainingData", "0");
	}

	/**
	 * Ends requests past their deadline; its one thread starts with the first request.
	 */
	private static final ScheduledExecutorService DEADLINES = deadlines();

	private final String server;

	private final int graceSeconds;

	/**
	 * The socket factory trusting {@code --cacert}, or null for the JDK's trust store.
	 */
	private final SSLSocketFactory tls;

	/** A cancelled deadline leaves the queue at once, with the connection it holds. */
	private static ScheduledExecutorService deadlines() {
		var executor = new ScheduledThreadPoolExecutor(1, task -> {
			var thread = new Thread(task, "vaas-agent-deadline");
			thread.setDaemon(true);
			return thread;
		});
		executor.setRemoveOnCancelPolicy(true);
		return executor;
	}

	AgentHttp(String server, Path cacert, int graceSeconds) {
		this.server = server;
		this.graceSeconds = graceSeconds;
		this.tls = cacert == null ? null : trusting(cacert).getSocketFactory();
	}

	/** The server's base URL. */
	String server() {
		return server;
	}

	/** A status and its body, read whole. */
	record Response(int status, String body) {
	}

	/**
	 * One request. The {@code If-None-Match} value is given for a conditional GET, the
	 * content type for a body. The connection goes back to the JDK's keep-alive cache
	 * once the body is read.
	 */
	Response send(String method, String path, String bearer, String ifNoneMatchOrType, String body,
			int timeoutSeconds) {
		HttpURLConnection connection;
		try {
			connection = (HttpURLConnection) URI.create(server + path).toURL().openConnection();
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new AgentFailure(ExitCode.UNREACHABLE,
					"cannot reach " + server + ": " + ex.getClass().getSimpleName(), ex);
		}
		int total = timeoutSeconds + graceSeconds;
		var expired = new AtomicBoolean();
		var deadline = DEADLINES.schedule(() -> {
			expired.set(true);
			connection.disconnect();
		}, total, TimeUnit.SECONDS);
		try {
			return exchange(connection, method, bearer, ifNoneMatchOrType, body, timeoutSeconds);
		}
		catch (AnswerBody.TooLarge ex) {
			throw new AgentFailure(ExitCode.UNREACHABLE, server + " answered with " + ex.getMessage(), ex);
		}
		catch (IOException | IllegalArgumentException ex) {
			if (expired.get()) {
				throw new AgentFailure(ExitCode.UNREACHABLE, server + " took more than " + total + " s to answer", ex);
			}
			throw new AgentFailure(ExitCode.UNREACHABLE,
					"cannot reach " + server + ": " + ex.getClass().getSimpleName(), ex);
		}
		finally {
			deadline.cancel(false);
		}
	}

	private Response exchange(HttpURLConnection connection, String method, String bearer, String ifNoneMatchOrType,
			String body, int timeoutSeconds) throws IOException {
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
			return new Response(status, AnswerBody.text(in, connection.getContentLengthLong(), AnswerBody.MAX_BYTES));
		}
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
