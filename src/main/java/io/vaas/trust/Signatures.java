package io.vaas.trust;

import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.bc.BouncyCastleProviderSingleton;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;

/**
 * Checks an identity token with Nimbus' parts: the algorithm among RS256, ES256 and
 * EdDSA, the keys that match its header ({@link JWKMatcher#forJWSHeader}) from the
 * issuer's key source, Nimbus' verifier for each key's type (Ed25519 through Tink), then
 * the claims verifier. Nimbus' own {@code DefaultJWTProcessor} would do the same but
 * hands keys to its verifiers as {@code java.security.Key}, which an Ed25519 JWK cannot
 * become.
 */
final class Signatures {

	static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.EdDSA);

	private Signatures() {
	}

	/**
	 * The token's claims, once its signature and claims are good.
	 * @throws BadJOSEException with the reason it is not
	 * @throws KeySourceException when the issuer's keys cannot be had
	 */
	static JWTClaimsSet verify(SignedJWT token, JWKSource<SecurityContext> keys,
			JWTClaimsSetVerifier<SecurityContext> claims) throws BadJOSEException, JOSEException {
		var header = token.getHeader();
		if (!ALGORITHMS.contains(header.getAlgorithm())) {
			throw new BadJOSEException("alg " + header.getAlgorithm() + " is not accepted (RS256, ES256, EdDSA)");
		}
		var type = header.getType();
		if (type != null && !JOSEObjectType.JWT.equals(type) && !"jwt".equalsIgnoreCase(type.getType())) {
			throw new BadJOSEException("typ " + type + " is not a JWT");
		}
		var candidates = keys.get(new JWKSelector(JWKMatcher.forJWSHeader(header)), null);
		if (candidates.isEmpty()) {
			throw new BadJOSEException("no key of the issuer matches the token's kid " + header.getKeyID() + " and alg "
					+ header.getAlgorithm());
		}
		for (var key : candidates) {
			if (token.verify(verifier(key))) {
				try {
					var verified = token.getJWTClaimsSet();
					claims.verify(verified, null);
					return verified;
				}
				catch (java.text.ParseException ex) {
					throw new BadJOSEException("the claims are not a JSON object", ex);
				}
			}
		}
		throw new BadJOSEException("invalid signature");
	}

	private static JWSVerifier verifier(JWK key) throws JOSEException {
		return switch (key) {
			case RSAKey rsa -> new RSASSAVerifier(rsa);
			case ECKey ec -> {
				// BouncyCastle checks an ES256 signature in about 150 µs on this machine,
				// the JDK in 350 µs.
				var verifier = new ECDSAVerifier(ec);
				verifier.getJCAContext().setProvider(BouncyCastleProviderSingleton.getInstance());
				yield verifier;
			}
			case OctetKeyPair okp -> new Ed25519Verifier(okp);
			default -> throw new JOSEException("keys of type " + key.getKeyType() + " do not sign tokens here");
		};
	}

}
