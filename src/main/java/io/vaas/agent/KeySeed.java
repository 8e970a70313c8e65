package io.vaas.agent;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * A key seed's private key (EC P-256, PKCS#8 PEM, SPEC 7.2) and what the agent does with
 * it, with the JDK alone: its id is the RFC 7638 thumbprint of its public key (which
 * PKCS#8 carries inside the EC private key, RFC 5915, as the server and OpenSSL write
 * it), and it signs RFC 7523 assertions with {@code SHA256withECDSAinP1363Format}
 * (ES256).
 */
final class KeySeed {

	/** An assertion lives 2 minutes; the server takes at most 5. */
	static final long ASSERTION_SECONDS = 120;

	private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

	private final ECPrivateKey key;

	private final String id;

	private KeySeed(ECPrivateKey key, String id) {
		this.key = key;
		this.id = id;
	}

	String id() {
		return id;
	}

	static KeySeed parse(String pem) {
		var begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
		var end = pem.indexOf("-----END PRIVATE KEY-----");
		if (begin < 0 || end < begin) {
			throw refused("the seed file's private key is not a PEM PRIVATE KEY (PKCS#8)");
		}
		try {
			var der = Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
			var key = (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
			var p256 = p256();
			if (!key.getParams().getOrder().equals(p256.getOrder())) {
				throw refused("the seed file's private key is not on the P-256 curve");
			}
			var point = publicPoint(der);
			var publicKey = KeyFactory.getInstance("EC")
				.generatePublic(new ECPublicKeySpec(
						new ECPoint(new BigInteger(1, point[0]), new BigInteger(1, point[1])), p256));
			// The public key must be this private key's: a signature tells.
			var probe = "vaas key seed".getBytes(StandardCharsets.UTF_8);
			var signer = Signature.getInstance("SHA256withECDSAinP1363Format");
			signer.initSign(key);
			signer.update(probe);
			var verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
			verifier.initVerify(publicKey);
			verifier.update(probe);
			if (!verifier.verify(signer.sign())) {
				throw refused("the public key in the seed file does not belong to its private key");
			}
			return new KeySeed(key, thumbprint(point[0], point[1]));
		}
		catch (IllegalArgumentException | ClassCastException | GeneralSecurityException ex) {
			throw refused("the seed file's private key cannot be read: " + ex.getClass().getSimpleName());
		}
	}

	/**
	 * A fresh assertion for the token endpoint: {@code iss} = {@code sub} = the id,
	 * {@code aud} the endpoint, a random {@code jti}, {@code iat} now, {@code exp} 2
	 * minutes on.
	 */
	String assertion(String audience) {
		var now = System.currentTimeMillis() / 1000;
		var header = "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"" + id + "\"}";
		var claims = "{\"iss\":\"" + id + "\",\"sub\":\"" + id + "\",\"aud\":\"" + Log.escape(audience)
				+ "\",\"jti\":\"" + UUID.randomUUID() + "\",\"iat\":" + now + ",\"exp\":" + (now + ASSERTION_SECONDS)
				+ "}";
		var input = URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
				+ URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
		try {
			var signer = Signature.getInstance("SHA256withECDSAinP1363Format");
			signer.initSign(key);
			signer.update(input.getBytes(StandardCharsets.US_ASCII));
			return input + "." + URL.encodeToString(signer.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new AgentFailure(ExitCode.AUTH_REFUSED, "cannot sign with the key seed: " + ex.getMessage(), ex);
		}
	}

	/** RFC 7638: SHA-256 over the required members in lexicographic order. */
	static String thumbprint(byte[] x, byte[] y) throws GeneralSecurityException {
		var members = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + URL.encodeToString(x) + "\",\"y\":\""
				+ URL.encodeToString(y) + "\"}";
		return URL
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(members.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * The public point from the RFC 5915 structure's {@code publicKey [1]}: a BIT STRING
	 * of 66 bytes (no unused bits, 0x04, X, Y), the last field of the key.
	 */
	private static byte[][] publicPoint(byte[] der) {
		var marker = new byte[] { (byte) 0xa1, 0x44, 0x03, 0x42, 0x00, 0x04 };
		for (int at = der.length - 64 - marker.length; at >= 0; at--) {
			if (Arrays.equals(der, at, at + marker.length, marker, 0, marker.length)) {
				var x = Arrays.copyOfRange(der, at + marker.length, at + marker.length + 32);
				var y = Arrays.copyOfRange(der, at + marker.length + 32, at + marker.length + 64);
				return new byte[][] { x, y };
			}
		}
		throw refused("the seed file's private key does not carry its public key: write it as the server does, "
				+ "or with OpenSSL (openssl pkcs8 -topk8 -nocrypt), which include it");
	}

	private static ECParameterSpec p256() throws GeneralSecurityException {
		var parameters = AlgorithmParameters.getInstance("EC");
		parameters.init(new ECGenParameterSpec("secp256r1"));
		return parameters.getParameterSpec(ECParameterSpec.class);
	}

	private static AgentFailure refused(String message) {
		return new AgentFailure(ExitCode.AUTH_REFUSED, message);
	}

	@Override
	public String toString() {
		return "KeySeed[id=" + id + "]";
	}

}
