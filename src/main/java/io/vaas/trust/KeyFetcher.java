package io.vaas.trust;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;

import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * Fetches key sets and discovery documents over https (for Nimbus' key sources): bounded
 * in time and size, redirects not followed, the JDK's CAs trusted plus the configured CA
 * file and the cluster CA when present. Only to the Kubernetes API server's hosts does it
 * send the server's own service-account token, read again at each fetch.
 */
@Component
class KeyFetcher implements ResourceRetriever {

	/** Key sets and discovery documents are small; anything larger is refused. */
	static final int MAX_BYTES = 256 * 1024;

	/** Bodies are read on virtual threads, so that a read can be given up on. */
	private static final java.util.concurrent.Executor READERS = java.util.concurrent.Executors
		.newVirtualThreadPerTaskExecutor();

	private final IdentityProperties properties;

	/**
	 * The client, made at the first fetch: loading the JDK's CAs takes a while at start,
	 * and a server whose trusts have no key-set URL never fetches. The configured CA
	 * file's and the cluster CA's certificates are read at start.
	 */
	private final Supplier<HttpClient> client;

	KeyFetcher(IdentityProperties properties) {
		this.properties = properties;
		var configured = configured(properties);
		this.client = SingletonSupplier.of(() -> HttpClient.newBuilder()
			.connectTimeout(properties.fetchTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.sslContext(sslContext(configured))
			.build());
	}

	@Override
	public Resource retrieveResource(URL url) throws IOException {
		HttpRequest.Builder request;
		try {
			request = HttpRequest.newBuilder(url.toURI())
				.timeout(properties.fetchTimeout())
				.header("Accept", "application/json");
		}
		catch (URISyntaxException | IllegalArgumentException ex) {
			throw new IOException("not a URL: " + url, ex);
		}
		if (!"https".equals(url.getProtocol())) {
			throw new IOException("keys are fetched over https only: " + url);
		}
		bearer(url).ifPresent(token -> request.header("Authorization", "Bearer " + token));
		HttpResponse<java.io.InputStream> response;
		try {
			response = client.get().send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while fetching " + url);
		}
		try (var body = response.body()) {
			if (response.statusCode() != 200) {
				throw new IOException(url + " answered HTTP " + response.statusCode());
			}
			var bytes = readWithin(body, url);
			if (bytes.length > MAX_BYTES) {
				throw new IOException(url + " answered more than " + MAX_BYTES + " bytes");
			}
			return new Resource(new String(bytes, StandardCharsets.UTF_8),
					response.headers().firstValue("Content-Type").orElse(null));
		}
	}

	/**
	 * The body, read within the fetch timeout: the request's timeout ends with the
	 * headers, and a server that then goes silent must not hold the caller.
	 */
	private byte[] readWithin(java.io.InputStream body, URL url) throws IOException {
		var read = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
			try {
				return body.readNBytes(MAX_BYTES + 1);
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}, READERS);
		try {
			return read.get(properties.fetchTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
		}
		catch (java.util.concurrent.TimeoutException ex) {
			body.close();
			throw new IOException(
					url + " did not send its body within " + properties.fetchTimeout().toMillis() + " ms");
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw new IOException(url + ": " + ex.getCause().getMessage(), ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			body.close();
			throw new InterruptedIOException("interrupted while reading " + url);
		}
	}

	/** The service-account token, for the API server's hosts only. */
	private Optional<String> bearer(URL url) throws IOException {
		var kubernetes = properties.kubernetes();
		if (!kubernetes.hosts().contains(url.getHost()) || !Files.isReadable(kubernetes.tokenFile())) {
			return Optional.empty();
		}
		var token = Files.readString(kubernetes.tokenFile(), StandardCharsets.UTF_8).strip();
		return token.isEmpty() ? Optional.empty() : Optional.of(token);
	}

	/**
	 * The configured CA file's and the cluster CA's certificates (when present); a
	 * configured file that cannot be read or parsed stops the start.
	 */
	private static List<Certificate> configured(IdentityProperties properties) {
		var files = new ArrayList<Path>();
		if (properties.caFile() != null) {
			if (!Files.isReadable(properties.caFile())) {
				throw new IllegalStateException("vaas.identity.ca-file cannot be read: " + properties.caFile());
			}
			files.add(properties.caFile());
		}
		if (Files.isReadable(properties.kubernetes().caFile())) {
			files.add(properties.kubernetes().caFile());
		}
		if (files.isEmpty()) {
			return List.of();
		}
		var certificates = new ArrayList<Certificate>();
		try {
			var factory = CertificateFactory.getInstance("X.509");
			for (var file : files) {
				try (var in = Files.newInputStream(file)) {
					certificates.addAll(factory.generateCertificates(in));
				}
			}
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("the CAs for fetching keys could not be loaded: " + ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return List.copyOf(certificates);
	}

	/** The JDK's trusted CAs and the configured ones. */
	private static SSLContext sslContext(List<Certificate> configured) {
		try {
			var context = SSLContext.getInstance("TLS");
			context.init(null, trustManagers(configured), null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("the CAs for fetching keys could not be loaded: " + ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static javax.net.ssl.TrustManager[] trustManagers(List<Certificate> configured)
			throws GeneralSecurityException, IOException {
		var jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		jdk.init((KeyStore) null);
		if (configured.isEmpty()) {
			return jdk.getTrustManagers();
		}
		var store = KeyStore.getInstance(KeyStore.getDefaultType());
		store.load(null, null);
		var count = 0;
		for (var manager : jdk.getTrustManagers()) {
			if (manager instanceof X509TrustManager x509) {
				for (var certificate : x509.getAcceptedIssuers()) {
					store.setCertificateEntry("jdk-" + count++, certificate);
				}
			}
		}
		for (var certificate : configured) {
			store.setCertificateEntry("configured-" + count++, certificate);
		}
		var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(store);
		return factory.getTrustManagers();
	}

}
