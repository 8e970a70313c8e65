package io.vaas.session;

import java.text.ParseException;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;

import org.jspecify.annotations.Nullable;

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
		return sign(bundle, revision, digest, null);
	}

	/**
	 * As {@link #sign(String, long, String)}, but gives back {@code previous} when it
	 * signs the same bundle, revision and digest with the current key: a bundle made
	 * again with nothing changed needs no new signature. {@code previous} must be a
	 * signature this signer made (it is checked for key, bundle, revision and digest, not
	 * verified).
	 */
	public String sign(String bundle, long revision, String digest, @Nullable String previous) {
		if (previous != null && signs(previous, bundle, revision, digest)) {
			return previous;
		}
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

	private boolean signs(String signature, String bundle, long revision, String digest) {
		try {
			var jws = JWSObject.parse(signature);
			var claims = jws.getPayload().toJSONObject();
			return ring.currentSigner().kid().equals(jws.getHeader().getKeyID()) && claims != null
					&& bundle.equals(claims.get("bundle")) && digest.equals(claims.get("digest"))
					&& claims.get("revision") instanceof Number number && number.longValue() == revision;
		}
		catch (ParseException ex) {
			return false;
		}
	}

}
