package io.vaas.support;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * An OIDC issuer inside the test: its own CA and a {@code localhost} certificate (made
 * here with BouncyCastle), an https server (the JDK's) serving the discovery document at
 * {@code /.well-known/openid-configuration} and the public keys at {@code /keys}, and
 * keys made here that sign its tokens: RSA ({@code rsa}, RS256), EC P-256 ({@code ec},
 * ES256) and Ed25519 ({@code ed}, EdDSA). It counts the requests per path, and keys can
 * be added later (rotation) or kept out of the published set (an unknown {@code kid}).
 */
public final class TestIssuer implements AutoCloseable {

	private final HttpsServer server;

	private final Path caFile;

	private final Map<String, JWK> keys = new ConcurrentHashMap<>();

	private final Map<String, JWK> published = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

	private volatile String authorization = "";

	private TestIssuer(HttpsServer server, Path caFile) {
		this.server = server;
		this.caFile = caFile;
	}

	/**
	 * Starts an issuer on a free port of 127.0.0.1, its CA written to a temporary file.
	 */
	public static TestIssuer start() {
		try {
			var tls = localhostTls();
			var server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.setHttpsConfigurator(new HttpsConfigurator(tls.context()));
			var issuer = new TestIssuer(server, tls.caFile());
			server.createContext("/", issuer::handle);
			server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
			server.start();
			issuer.add("rsa", new RSAKeyGenerator(2048).keyID("rsa").generate());
			issuer.add("ec", new ECKeyGenerator(Curve.P_256).keyID("ec").generate());
			issuer.add("ed", new OctetKeyPairGenerator(Curve.Ed25519).keyID("ed").generate());
			return issuer;
		}
		catch (Exception ex) {
			throw new IllegalStateException("the test issuer could not start", ex);
		}
	}

	/**
	 * A server side TLS context for {@code localhost} and {@code 127.0.0.1}, its
	 * certificate issued by a CA of its own, that CA written to a temporary PEM file; the
	 * server's certificate (then the CA's) and its private key (PKCS#8) in PEM files too,
	 * for {@code server.ssl.certificate} and {@code server.ssl.certificate-private-key}.
	 */
	public record LocalhostTls(SSLContext context, Path caFile, Path certificateFile, Path privateKeyFile) {
	}

	/**
	 * A new CA and a {@code localhost} certificate it issued, made here with
	 * BouncyCastle.
	 */
	public static LocalhostTls localhostTls() throws Exception {
		var generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(256);
		var caKeys = generator.generateKeyPair();
		var ca = certificate("CN=vaas test CA", caKeys, "CN=vaas test CA", caKeys, true);
		var serverKeys = generator.generateKeyPair();
		var leaf = certificate("CN=localhost", serverKeys, "CN=vaas test CA", caKeys, false);
		var caFile = Files.createTempFile("vaas-test-ca", ".pem");
		caFile.toFile().deleteOnExit();
		Files.writeString(caFile, pem(ca), StandardCharsets.US_ASCII);
		var store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		store.setKeyEntry("server", serverKeys.getPrivate(), new char[0], new X509Certificate[] { leaf, ca });
		var managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		managers.init(store, new char[0]);
		var tls = SSLContext.getInstance("TLS");
		tls.init(managers.getKeyManagers(), null, null);
		var certificateFile = Files.createTempFile("vaas-test-localhost", ".crt");
		certificateFile.toFile().deleteOnExit();
		Files.writeString(certificateFile, pem(leaf) + pem(ca), StandardCharsets.US_ASCII);
		var privateKeyFile = Files.createTempFile("vaas-test-localhost", ".key");
		privateKeyFile.toFile().deleteOnExit();
		Files.writeString(privateKeyFile,
				pem(new org.bouncycastle.util.io.pem.PemObject("PRIVATE KEY", serverKeys.getPrivate().getEncoded())),
				StandardCharsets.US_ASCII);
		return new LocalhostTls(tls, caFile, certificateFile, privateKeyFile);
	}

	/** {@code https://localhost:<port>}: the issuer, as in its tokens' {@code iss}. */
	public String url() {
		return "https://localhost:" + server.getAddress().getPort();
	}

	/** The CA certificate (PEM) that the issuer's certificate chains to. */
	public Path caFile() {
		return caFile;
	}

	/** Adds a signing key, published in {@code /keys}. */
	public void add(String kid, JWK key) {
		keys.put(kid, key);
		published.put(kid, key.toPublicJWK());
	}

	/** Adds a signing key that {@code /keys} does not list (yet). */
	public JWK hidden(String kid) throws Exception {
		var key = new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
		keys.put(kid, key);
		return key;
	}

	/** Lists a hidden key in {@code /keys} from now on (a rotation). */
	public void publish(String kid) {
		published.put(kid, keys.get(kid).toPublicJWK());
	}

	/** The public keys, as a trust's static {@code jwks}. */
	public String publicJwks() {
		return new JWKSet(new ArrayList<>(published.values())).toString();
	}

	/** How many requests a path has had. */
	public int requests(String path) {
		return requests.getOrDefault(path, new AtomicInteger()).get();
	}

	/** The {@code Authorization} header of the last request ({@code ""} when none). */
	public String lastAuthorization() {
		return authorization;
	}

	/** Claims as a Kubernetes API server writes them into a projected token. */
	public JWTClaimsSet.Builder kubernetes(String namespace, String serviceAccount, String pod, String audience) {
		var now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(url())
			.subject("system:serviceaccount:" + namespace + ":" + serviceAccount)
			.audience(audience)
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
			.claim("kubernetes.io", Map.of("namespace", namespace, "serviceaccount",
					Map.of("name", serviceAccount, "uid", "u-1"), "pod", Map.of("name", pod, "uid", "u-2")));
	}

	/** A token with these claims, signed with the key {@code kid}. */
	public String sign(String kid, JWTClaimsSet claims) {
		try {
			var key = keys.get(kid);
			JWSSigner signer;
			JWSAlgorithm algorithm;
			if (key instanceof RSAKey rsa) {
				signer = new RSASSASigner(rsa);
				algorithm = JWSAlgorithm.RS256;
			}
			else if (key instanceof ECKey ec) {
				signer = new ECDSASigner(ec);
				algorithm = JWSAlgorithm.ES256;
			}
			else {
				signer = new Ed25519Signer((OctetKeyPair) key);
				algorithm = JWSAlgorithm.EdDSA;
			}
			var jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(kid).type(JOSEObjectType.JWT).build(),
					claims);
			jwt.sign(signer);
			return jwt.serialize();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		var path = exchange.getRequestURI().getPath();
		var sent = exchange.getRequestHeaders().getFirst("Authorization");
		authorization = sent == null ? "" : sent;
		requests.computeIfAbsent(path, key -> new AtomicInteger()).incrementAndGet();
		String body = switch (path) {
			case "/.well-known/openid-configuration" ->
				"{\"issuer\":\"" + url() + "\",\"jwks_uri\":\"" + url() + "/keys\"}";
			case "/keys", "/other-keys" -> publicJwks();
			default -> null;
		};
		if (path.equals("/silent")) {
			// Headers, then nothing: a server that stalls after answering.
			exchange.sendResponseHeaders(200, 1000);
			exchange.getResponseBody().flush();
			try {
				Thread.sleep(30_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.close();
			return;
		}
		var bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : bytes.length);
		try (var out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static X509Certificate certificate(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys,
			boolean ca) throws Exception {
		var now = Instant.now();
		var builder = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(now.toEpochMilli()),
				Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))),
				new X500Name(subject), subjectKeys.getPublic());
		builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
		if (!ca) {
			builder.addExtension(Extension.subjectAlternativeName, false,
					new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
							new GeneralName(GeneralName.iPAddress, "127.0.0.1") }));
		}
		var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate());
		return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
	}

	private static String pem(Object object) {
		var out = new StringWriter();
		try (var writer = new JcaPEMWriter(out)) {
			writer.writeObject(object);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString();
	}

	/** Every kid this issuer can sign with. */
	public List<String> kids() {
		return List.copyOf(keys.keySet());
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
