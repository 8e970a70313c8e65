package io.vaas.session;

import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.ECKey;
import org.jspecify.annotations.Nullable;

/**
 * The signing key in hand: its id and a signer made for it once ({@link Es256}), not per
 * token. The signer is made at the first signature, so the server's start does not wait
 * for BouncyCastle's provider (about 0.2 s on this machine).
 */
final class SigningKeyInHand {

	private final String kid;

	private final ECKey key;

	private volatile @Nullable JWSSigner signer;

	private SigningKeyInHand(ECKey key) {
		this.kid = key.getKeyID();
		this.key = key;
	}

	static SigningKeyInHand of(ECKey key) {
		return new SigningKeyInHand(key);
	}

	String kid() {
		return kid;
	}

	JWSSigner signer() {
		var made = signer;
		if (made == null) {
			synchronized (this) {
				made = signer;
				if (made == null) {
					made = Es256.signer(key);
					signer = made;
				}
			}
		}
		return made;
	}

	@Override
	public String toString() {
		return "SigningKeyInHand[kid=" + kid + "]";
	}

}
