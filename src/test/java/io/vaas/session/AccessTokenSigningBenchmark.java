package io.vaas.session;

import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
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
 * The ES256 signature of an access token and its verification, as
 * {@link AccessTokenIssuer} and {@link AccessTokenVerifier} do them ({@link Es256}:
 * BouncyCastle's provider and key objects, made once per key), beside the way before: a
 * signer or verifier made per token on the JDK's provider. Run with
 * {@code ./mvnw -Pbench test-compile exec:exec -Djmh.args="AccessTokenSigningBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AccessTokenSigningBenchmark {

	private ECKey key;

	private SigningKeyInHand inHand;

	private com.nimbusds.jose.JWSVerifier verifier;

	private ECDSASigner jdkSigner;

	private com.nimbusds.jose.JWSVerifier jdkVerifier;

	private String token;

	private JWSHeader header;

	private JWTClaimsSet claims;

	@Setup
	public void setUp() throws JOSEException {
		key = new ECKeyGenerator(Curve.P_256).keyID("bench").algorithm(JWSAlgorithm.ES256).generate();
		inHand = SigningKeyInHand.of(key);
		verifier = Es256.verifier(key.toPublicJWK());
		header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("bench").type(JOSEObjectType.JWT).build();
		var now = new Date();
		claims = new JWTClaimsSet.Builder().issuer("vaas")
			.audience("vaas-agent")
			.subject("6f0c1c4e-3b1a-4d56-9a53-0f8a3c2b9d11")
			.jwtID("1b4e28ba-2fa1-11d2-883f-0016d3cca427")
			.issueTime(now)
			.expirationTime(new Date(now.getTime() + 900_000))
			.claim("bundle", "bench/app")
			.claim("areas", List.of("configuration", "secret", "context", "proc"))
			.build();
		jdkSigner = new ECDSASigner(key);
		jdkVerifier = new com.nimbusds.jose.crypto.ECDSAVerifier(key.toPublicJWK());
		token = signerInHand();
		try {
			if (!verifierInHand() || !bouncyCastleVerifierPerToken() || !jdkVerifierInHand()
					|| !SignedJWT.parse(jdkSignerInHand()).verify(verifier)) {
				throw new IllegalStateException("a signature does not verify");
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Benchmark
	public String signerInHand() throws JOSEException {
		var jwt = new SignedJWT(header, claims);
		jwt.sign(inHand.signer());
		return jwt.serialize();
	}

	@Benchmark
	public String jdkSignerPerToken() throws JOSEException {
		var jwt = new SignedJWT(header, claims);
		jwt.sign(new ECDSASigner(key));
		return jwt.serialize();
	}

	@Benchmark
	public boolean verifierInHand() throws Exception {
		return SignedJWT.parse(token).verify(verifier);
	}

	@Benchmark
	public boolean jdkVerifierPerToken() throws Exception {
		return SignedJWT.parse(token).verify(new com.nimbusds.jose.crypto.ECDSAVerifier(key.toPublicJWK()));
	}

	/**
	 * As key seeds' assertions and EC identity tokens are checked: per token, on
	 * BouncyCastle.
	 */
	@Benchmark
	public boolean bouncyCastleVerifierPerToken() throws Exception {
		var perToken = new com.nimbusds.jose.crypto.ECDSAVerifier(key.toPublicJWK());
		perToken.getJCAContext().setProvider(com.nimbusds.jose.crypto.bc.BouncyCastleProviderSingleton.getInstance());
		return SignedJWT.parse(token).verify(perToken);
	}

	/**
	 * The JDK's provider with the signer made once per key: what the caching alone gives.
	 */
	@Benchmark
	public String jdkSignerInHand() throws JOSEException {
		var jwt = new SignedJWT(header, claims);
		jwt.sign(jdkSigner);
		return jwt.serialize();
	}

	@Benchmark
	public boolean jdkVerifierInHand() throws Exception {
		return SignedJWT.parse(token).verify(jdkVerifier);
	}

}
