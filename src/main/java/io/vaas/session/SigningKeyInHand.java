package io.vaas.session;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.bc.BouncyCastleProviderSingleton;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;

/**
 * The signing key in hand: its id and a signer made once for it (the private key parsed
 * and the JCA provider chosen once, not per token). ES256 signatures are made with
 * BouncyCastle's provider, which makes them in about 60 % of the JDK's time on this
 * machine ({@code bench/exchange.sh}); the tokens are the same either way.
 */
record SigningKeyInHand(String kid, JWSSigner signer) {

	static SigningKeyInHand of(ECKey key) {
		var provider = BouncyCastleProviderSingleton.getInstance();
		try {
			// BouncyCastle's own key object: with the JDK's, it would make its
			// tables for the curve again at every signature.
			var encoded = key.toECPrivateKey().getEncoded();
			try {
				var signer = new ECDSASigner(
						KeyFactory.getInstance("EC", provider).generatePrivate(new PKCS8EncodedKeySpec(encoded)),
						Curve.P_256);
				signer.getJCAContext().setProvider(provider);
				return new SigningKeyInHand(key.getKeyID(), signer);
			}
			finally {
				Arrays.fill(encoded, (byte) 0);
			}
		}
		catch (JOSEException | GeneralSecurityException ex) {
			throw new IllegalStateException("A stored signing key cannot sign", ex);
		}
	}

	@Override
	public String toString() {
		return "SigningKeyInHand[kid=" + kid + "]";
	}

}
