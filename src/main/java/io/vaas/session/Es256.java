package io.vaas.session;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.bc.BouncyCastleProviderSingleton;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;

/**
 * ES256 signers and verifiers for the signing keys, made once per key on BouncyCastle's
 * provider with BouncyCastle's own key objects: signatures interoperable with the JDK's,
 * made and checked in a fraction of its time on this machine
 * ({@code AccessTokenSigningBenchmark}). With the JDK's key objects BouncyCastle would
 * make its tables for the curve again at every signature. BouncyCastle (1.87) computes
 * the secret scalar's products and inverse with its constant-time modular arithmetic
 * ({@code BigIntegers.modOddInverse}, {@code modMult}), its multiplication of the base
 * point with constant-time table look-ups, and takes a fresh nonce from a
 * {@code SecureRandom} for every signature.
 */
final class Es256 {

	private Es256() {
	}

	/** A signer for the private key of {@code key}. */
	static JWSSigner signer(ECKey key) {
		var provider = BouncyCastleProviderSingleton.getInstance();
		try {
			var encoded = key.toECPrivateKey().getEncoded();
			try {
				var signer = new ECDSASigner(
						KeyFactory.getInstance("EC", provider).generatePrivate(new PKCS8EncodedKeySpec(encoded)),
						Curve.P_256);
				signer.getJCAContext().setProvider(provider);
				return signer;
			}
			finally {
				Arrays.fill(encoded, (byte) 0);
			}
		}
		catch (JOSEException | GeneralSecurityException ex) {
			throw new IllegalStateException("A stored signing key cannot sign", ex);
		}
	}

	/** A verifier for the public key of {@code key}. */
	static JWSVerifier verifier(ECKey key) {
		var provider = BouncyCastleProviderSingleton.getInstance();
		try {
			var encoded = key.toECPublicKey().getEncoded();
			var verifier = new ECDSAVerifier((ECPublicKey) KeyFactory.getInstance("EC", provider)
				.generatePublic(new X509EncodedKeySpec(encoded)));
			verifier.getJCAContext().setProvider(provider);
			return verifier;
		}
		catch (JOSEException | GeneralSecurityException ex) {
			throw new IllegalStateException("A published signing key cannot verify", ex);
		}
	}

}
