package io.vaas.agent;

import java.io.StringWriter;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The agent's key seed with the JDK alone, checked against Nimbus: the same RFC 7638
 * thumbprint, and assertions that Nimbus verifies with the public key.
 */
class KeySeedUnitTests {

	@Test
	void computesTheThumbprintNimbusComputesAndSignsWhatNimbusVerifies() throws Exception {
		var generator = KeyPairGenerator.getInstance("EC", new org.bouncycastle.jce.provider.BouncyCastleProvider());
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		var pair = generator.generateKeyPair();
		var pem = new StringWriter();
		try (var writer = new JcaPEMWriter(pem)) {
			// PKCS#8 with the public key inside, as OpenSSL writes it
			writer.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(pair.getPrivate(), null));
		}
		var publicKey = new ECKey.Builder(Curve.P_256, (java.security.interfaces.ECPublicKey) pair.getPublic()).build();

		var seed = KeySeed.parse(pem.toString());
		assertThat(seed.id()).isEqualTo(publicKey.computeThumbprint().toString());

		var jwt = SignedJWT.parse(seed.assertion("https://vaas.example/api/v1/auth/token"));
		assertThat(jwt.verify(new ECDSAVerifier(publicKey))).isTrue();
		var claims = jwt.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo(seed.id());
		assertThat(claims.getSubject()).isEqualTo(seed.id());
		assertThat(claims.getAudience()).containsExactly("https://vaas.example/api/v1/auth/token");
		assertThat(claims.getJWTID()).isNotBlank();
		assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(120_000);
		assertThat(SignedJWT.parse(seed.assertion("x")).getJWTClaimsSet().getJWTID()).as("a fresh jti each time")
			.isNotEqualTo(claims.getJWTID());
	}

	@Test
	void refusesAKeyWithoutItsPublicKeyOrOnAnotherCurve() throws Exception {
		var generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		// The JDK's own PKCS#8 leaves the public key out.
		var bare = "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
		assertThatThrownBy(() -> KeySeed.parse(bare)).isInstanceOf(AgentFailure.class)
			.hasMessageContaining("does not carry its public key");
		generator.initialize(new ECGenParameterSpec("secp384r1"));
		var p384 = "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
		assertThatThrownBy(() -> KeySeed.parse(p384)).isInstanceOf(AgentFailure.class).hasMessageContaining("P-256");
		assertThatThrownBy(() -> KeySeed.parse("-----BEGIN PRIVATE KEY-----\nnot base64!\n-----END PRIVATE KEY-----"))
			.isInstanceOf(AgentFailure.class);
	}

	@Test
	void tellsTheSeedFormsApart() throws Exception {
		var path = java.nio.file.Path.of("seed");
		assertThat(SeedFile.of("vaas_seed_abc", path)).isInstanceOf(SeedFile.Token.class);
		assertThat(SeedFile.of("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln", path))
			.isInstanceOf(SeedFile.Identity.class);
		assertThatThrownBy(() -> SeedFile.of("hello", path)).isInstanceOf(AgentFailure.class)
			.hasMessageContaining("neither");
		assertThat(SeedFile.of("vaas_seed_abc", path).toString()).doesNotContain("abc");
	}

}
