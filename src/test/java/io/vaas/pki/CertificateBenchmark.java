package io.vaas.pki;

import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A session's certificate as {@link SessionCertificates} makes it, the database left out:
 * a fresh EC P-256 key pair, a leaf signed by an intermediate, PEM of the chain and the
 * PKCS#8 key. Beside it, the floor it cannot go below: the JDK's key generation and one
 * ECDSA signature alone. Run with
 * {@code ./mvnw -Pbench test-compile exec:exec -Djmh.args="CertificateBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CertificateBenchmark {

	private KeyPair intermediateKeys;

	private X509Certificate intermediate;

	private final byte[] toBeSigned = new byte[300];

	@Setup
	public void setUp() {
		var now = Instant.now();
		var rootKeys = X509.newKeyPair();
		var root = X509.root("bench root", rootKeys, now, now.plus(Duration.ofDays(3650)));
		intermediateKeys = X509.newKeyPair();
		intermediate = X509.intermediate("bench intermediate", intermediateKeys.getPublic(), List.of("shop.svc"), root,
				rootKeys.getPrivate(), now, now.plus(Duration.ofDays(365)));
	}

	/** What a session's first fetch adds in CPU: key pair, leaf, PEM. */
	@Benchmark
	public String leafWithKeyAndPem() {
		var now = Instant.now();
		var keys = X509.newKeyPair();
		var leaf = X509.leaf("web", "spiffe://vaas.local/ns/shop/bundle/web", List.of("web.shop.svc"), keys.getPublic(),
				intermediate, intermediateKeys.getPrivate(), now, now.plus(Duration.ofHours(24)));
		return X509.pem(List.of(leaf, intermediate)) + X509.pkcs8Pem(keys.getPrivate());
	}

	/** The floor: a key pair and one signature, with the JDK alone. */
	@Benchmark
	public byte[] keyPairAndOneSignature() throws Exception {
		var keys = X509.newKeyPair();
		var signature = Signature.getInstance("SHA256withECDSA");
		signature.initSign(intermediateKeys.getPrivate());
		signature.update(toBeSigned);
		var signed = signature.sign();
		return keys.getPublic().getEncoded().length > 0 ? signed : null;
	}

}
