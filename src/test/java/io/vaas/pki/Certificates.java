package io.vaas.pki;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The JDK's own reading and checking of what the server made, for the tests. */
final class Certificates {

	private Certificates() {
	}

	static List<X509Certificate> parse(String pem) throws Exception {
		return CertificateFactory.getInstance("X.509")
			.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
			.stream()
			.map(X509Certificate.class::cast)
			.toList();
	}

	/**
	 * Validates the chain (leaf, then intermediate) with the JDK's PKIX
	 * {@link CertPathValidator} against the roots, at {@code at}.
	 * @throws java.security.cert.CertPathValidatorException when it does not hold
	 */
	static void validate(List<X509Certificate> chain, List<X509Certificate> roots, Instant at) throws Exception {
		var anchors = new HashSet<TrustAnchor>();
		roots.forEach(root -> anchors.add(new TrustAnchor(root, null)));
		var parameters = new PKIXParameters(anchors);
		// Nothing publishes revocation lists: a leaf lives as long as its session needs
		// it.
		parameters.setRevocationEnabled(false);
		parameters.setDate(Date.from(at));
		CertPathValidator.getInstance("PKIX")
			.validate(CertificateFactory.getInstance("X.509").generateCertPath(chain), parameters);
	}

	static PrivateKey privateKey(String pem) throws Exception {
		assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
		var base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
		return KeyFactory.getInstance("EC")
			.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
	}

	/**
	 * Whether the key is the certificate's: it signs what the certificate's key verifies.
	 */
	static boolean matches(PrivateKey key, X509Certificate certificate) throws Exception {
		var data = "proof of possession".getBytes(StandardCharsets.UTF_8);
		var signer = Signature.getInstance("SHA256withECDSA");
		signer.initSign(key);
		signer.update(data);
		var signature = signer.sign();
		var verifier = Signature.getInstance("SHA256withECDSA");
		verifier.initVerify(certificate.getPublicKey());
		verifier.update(data);
		return verifier.verify(signature);
	}

}
