package io.vaas.support;

import java.util.Arrays;
import java.util.Base64;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.util.BigIntegers;

/**
 * A key seed's PEM read the long way, with BouncyCastle's ASN.1 classes: the private key
 * and the public key that the PKCS#8 structure must carry (RFC 5915), as one JWK.
 */
public final class Pems {

	private Pems() {
	}

	public static ECKey ecKey(String pem) throws Exception {
		var base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "");
		var info = PrivateKeyInfo.getInstance(Base64.getMimeDecoder().decode(base64));
		var key = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
		if (key.getPublicKey() == null) {
			throw new AssertionError("the PKCS#8 key carries no public key");
		}
		var point = key.getPublicKey().getOctets();
		return new ECKey.Builder(Curve.P_256, Base64URL.encode(Arrays.copyOfRange(point, 1, 33)),
				Base64URL.encode(Arrays.copyOfRange(point, 33, 65)))
			.d(Base64URL.encode(BigIntegers.asUnsignedByteArray(32, key.getKey())))
			.build();
	}

}
