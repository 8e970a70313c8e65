package io.vaas.session;

import java.util.Date;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * BouncyCastle's ES256 and the JDK's accept each other's signatures, and refuse a
 * signature by another key or over other claims.
 */
class Es256UnitTests {

	private final ECKey key = generate("kid-1");

	private final ECKey other = generate("kid-2");

	@Test
	void whatTheSignerInHandSignsTheJdkVerifies() throws Exception {
		var inHand = SigningKeyInHand.of(key);
		assertThat(inHand.kid()).isEqualTo("kid-1");
		assertThat(inHand.toString()).isEqualTo("SigningKeyInHand[kid=kid-1]").doesNotContain(key.getD().toString());
		for (int i = 0; i < 20; i++) {
			var parsed = SignedJWT.parse(signed(i, inHand.signer()));
			assertThat(parsed.verify(new ECDSAVerifier(key.toPublicJWK()))).isTrue();
			assertThat(parsed.verify(new ECDSAVerifier(other.toPublicJWK()))).isFalse();
			assertThat(parsed.getJWTClaimsSet().getSubject()).isEqualTo("session-" + i);
		}
	}

	@Test
	void whatTheJdkSignsTheVerifierAcceptsAndNothingElse() throws Exception {
		var verifier = Es256.verifier(key.toPublicJWK());
		var otherVerifier = Es256.verifier(other.toPublicJWK());
		for (int i = 0; i < 20; i++) {
			var token = signed(i, new ECDSASigner(key));
			assertThat(SignedJWT.parse(token).verify(verifier)).isTrue();
			assertThat(SignedJWT.parse(token).verify(otherVerifier)).isFalse();
			var parts = token.split("\\.");
			var forged = parts[0] + "." + Base64URL.encode("{\"sub\":\"someone-else\"}") + "." + parts[2];
			assertThat(SignedJWT.parse(forged).verify(verifier)).isFalse();
		}
	}

	private static String signed(int i, com.nimbusds.jose.JWSSigner signer) throws Exception {
		var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("kid-1").build(),
				new JWTClaimsSet.Builder().subject("session-" + i).expirationTime(new Date()).build());
		jwt.sign(signer);
		return jwt.serialize();
	}

	private static ECKey generate(String kid) {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID(kid).algorithm(JWSAlgorithm.ES256).generate();
		}
		catch (com.nimbusds.jose.JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
