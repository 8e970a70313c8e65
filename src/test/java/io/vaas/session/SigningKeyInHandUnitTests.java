package io.vaas.session;

import java.util.Date;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SigningKeyInHandUnitTests {

	@Test
	void signsWhatTheJdkVerifiesWithThePublishedKeyAndNeverShowsTheKey() throws Exception {
		var key = new ECKeyGenerator(Curve.P_256).keyID("kid-1").algorithm(JWSAlgorithm.ES256).generate();
		var inHand = SigningKeyInHand.of(key);
		assertThat(inHand.kid()).isEqualTo("kid-1");
		assertThat(inHand.toString()).isEqualTo("SigningKeyInHand[kid=kid-1]").doesNotContain(key.getD().toString());

		var other = new ECKeyGenerator(Curve.P_256).generate().toPublicJWK();
		for (int i = 0; i < 20; i++) {
			var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(inHand.kid()).build(),
					new JWTClaimsSet.Builder().subject("session-" + i).expirationTime(new Date()).build());
			jwt.sign(inHand.signer());
			var parsed = SignedJWT.parse(jwt.serialize());
			// The JDK's provider checks what BouncyCastle's signed.
			assertThat(parsed.verify(new ECDSAVerifier(key.toPublicJWK()))).isTrue();
			assertThat(parsed.verify(new ECDSAVerifier(other))).isFalse();
			assertThat(parsed.getJWTClaimsSet().getSubject()).isEqualTo("session-" + i);
		}
	}

}
