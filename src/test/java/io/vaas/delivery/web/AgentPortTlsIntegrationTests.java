package io.vaas.delivery.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.vaas.delivery.ChangePropagationIntegrationTests;
import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import io.vaas.support.TestIssuer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.Ssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The agents' port with the server's TLS ({@code server.ssl}, here its PEM certificate
 * and key): the same answers over HTTPS to a client that trusts the certificate, a
 * refused handshake for one that does not, no HTTP answer to a request in the clear, and
 * client certificates required when the server's port requires them.
 */
@PostgresIntegrationTest
class AgentPortTlsIntegrationTests {

	@LocalServerPort
	int port;

	@Value("${local.agents.port}")
	int agentsPort;

	@Autowired
	AgentPort agentPort;

	@Test
	void answersOverTheServersTls() throws Exception {
		var setup = ChangePropagationIntegrationTests.setUp(new Api(port).withAgentsPort(agentsPort));
		var tls = TestIssuer.localhostTls();
		var own = portWith(ssl(tls));
		try {
			var base = "https://localhost:" + own.localPort() + "/api/v1/agent/bundle";
			var trusting = HttpClient.newBuilder().sslContext(trusting(tls.caFile())).build();
			var fetched = trusting.send(get(base).header("Authorization", "Bearer " + setup.token()).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(fetched.statusCode()).as(fetched.body()).isEqualTo(200);
			assertThat(fetched.headers().firstValue("ETag")).hasValue("\"" + setup.digest() + "\"");
			var again = trusting.send(get(base).header("Authorization", "Bearer " + setup.token())
				.header("If-None-Match", "\"" + setup.digest() + "\"")
				.build(), HttpResponse.BodyHandlers.discarding());
			assertThat(again.statusCode()).isEqualTo(304);
			var refused = trusting.send(get(base).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(refused.statusCode()).isEqualTo(401);

			assertThatThrownBy(
					() -> HttpClient.newHttpClient().send(get(base).build(), HttpResponse.BodyHandlers.discarding()))
				.isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
			assertThat(inTheClear(own.localPort(), setup.token())).doesNotContain("HTTP/1.1");
		}
		finally {
			own.stop();
		}
	}

	@Test
	void requiresAClientCertificateWhenTheServersPortDoes() throws Exception {
		var setup = ChangePropagationIntegrationTests.setUp(new Api(port).withAgentsPort(agentsPort));
		var tls = TestIssuer.localhostTls();
		var ssl = ssl(tls);
		ssl.setClientAuth(Ssl.ClientAuth.NEED);
		ssl.setTrustCertificate("file:" + tls.caFile());
		var own = portWith(ssl);
		try {
			var client = HttpClient.newBuilder().sslContext(trusting(tls.caFile())).build();
			assertThatThrownBy(() -> client.send(get("https://localhost:" + own.localPort() + "/api/v1/agent/bundle")
				.header("Authorization", "Bearer " + setup.token())
				.build(), HttpResponse.BodyHandlers.discarding())).isInstanceOf(IOException.class);
		}
		finally {
			own.stop();
		}
	}

	/**
	 * A named bundle (server.ssl.bundle) updated in place, as {@code reload-on-update}
	 * does when its files change: the connections after it get the new certificate.
	 */
	@Test
	void takesUpAReloadedBundleForTheNextConnections() throws Exception {
		var before = TestIssuer.localhostTls();
		var after = TestIssuer.localhostTls();
		var registry = new DefaultSslBundleRegistry("agents", bundle(before));
		var own = portWith(Ssl.forBundle("agents"), registry);
		try {
			var url = "https://localhost:" + own.localPort() + "/api/v1/agent/bundle";
			assertThat(status(url, before)).as("no token, over the first certificate").isEqualTo(401);
			registry.updateBundle("agents", bundle(after));
			assertThat(status(url, after)).as("no token, over the reloaded certificate").isEqualTo(401);
			assertThatThrownBy(() -> status(url, before)).isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
		}
		finally {
			own.stop();
		}
	}

	@Test
	void hasNoTlsWhenTheServersPortHasNone() {
		var registry = new DefaultSslBundleRegistry();
		assertThat(AgentPortTls.of(null, registry)).isNull();
		var disabled = new Ssl();
		disabled.setEnabled(false);
		disabled.setCertificate("file:/nonexistent.crt");
		assertThat(AgentPortTls.of(disabled, registry)).isNull();
	}

	private static Ssl ssl(TestIssuer.LocalhostTls tls) {
		var ssl = new Ssl();
		ssl.setCertificate("file:" + tls.certificateFile());
		ssl.setCertificatePrivateKey("file:" + tls.privateKeyFile());
		return ssl;
	}

	private static SslBundle bundle(TestIssuer.LocalhostTls tls) {
		return SslBundle.of(new PemSslStoreBundle(PemSslStoreDetails.forCertificates("file:" + tls.certificateFile())
			.withPrivateKey("file:" + tls.privateKeyFile()), null));
	}

	/**
	 * The status of a fetch without a token, from a client that trusts only the CA given.
	 */
	private static int status(String url, TestIssuer.LocalhostTls trusted) throws Exception {
		return HttpClient.newBuilder()
			.sslContext(trusting(trusted.caFile()))
			.build()
			.send(get(url).build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	private AgentPort portWith(Ssl ssl) {
		return portWith(ssl, new DefaultSslBundleRegistry());
	}

	/** A port of its own, served as the context's, with the TLS given. */
	private AgentPort portWith(Ssl ssl, SslBundles bundles) {
		return OwnAgentPorts.start(agentPort, AgentPortTls.of(ssl, bundles));
	}

	private static HttpRequest.Builder get(String uri) {
		return HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10));
	}

	private static SSLContext trusting(Path caFile) throws Exception {
		var store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		try (var in = Files.newInputStream(caFile)) {
			store.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
		}
		var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(store);
		var context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return context;
	}

	/** What the port sends back to a fetch sent in the clear, until it closes. */
	private static String inTheClear(int port, String token) throws IOException {
		try (var socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write(("GET /api/v1/agent/bundle HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token + "\r\n\r\n")
					.getBytes(StandardCharsets.ISO_8859_1));
			var read = new ByteArrayOutputStream();
			socket.getInputStream().transferTo(read);
			return read.toString(StandardCharsets.ISO_8859_1);
		}
	}

}
