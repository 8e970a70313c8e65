package io.vaas.session;

import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;

import org.springframework.stereotype.Component;

/**
 * Signs what a bundle delivery carries with the access-token signing key, so an agent can
 * prove where its files came from with the keys at {@code /.well-known/jwks.json}.
 */
@Component
public class DigestSigner {

	private final SigningKeyRing ring;

	DigestSigner(SigningKeyRing ring) {
		this.ring = ring;
	}

	/**
	 * A compact JWS (ES256, type {@code vaas-bundle+jws}) over a bundle's identity,
	 * revision and digest.
	 */
	public String sign(String bundle, long revision, String digest) {
		var key = ring.currentSigner();
		var jws = new JWSObject(
				new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.kid())
					.type(new JOSEObjectType("vaas-bundle+jws"))
					.build(),
				new Payload(Map.<String, Object>of("bundle", bundle, "revision", revision, "digest", digest)));
		try {
			jws.sign(key.signer());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign a bundle digest", ex);
		}
		return jws.serialize();
	}

}
