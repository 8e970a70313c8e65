package io.vaas.session;

import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.ECKey;

/**
 * The signing key in hand: its id and a signer made once for it ({@link Es256}), not per
 * token.
 */
record SigningKeyInHand(String kid, JWSSigner signer) {

	static SigningKeyInHand of(ECKey key) {
		return new SigningKeyInHand(key.getKeyID(), Es256.signer(key));
	}

	@Override
	public String toString() {
		return "SigningKeyInHand[kid=" + kid + "]";
	}

}
