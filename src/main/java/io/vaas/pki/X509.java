package io.vaas.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * X.509 with BouncyCastle's pkix: EC P-256 key pairs, a root, an intermediate (path
 * length 0) and leaves with a SPIFFE URI SAN and DNS names, SHA256withECDSA; PEM in and
 * out. Nothing here is built by hand.
 */
final class X509 {

	private static final SecureRandom RANDOM = new SecureRandom();

	private X509() {
	}

	static KeyPair newKeyPair() {
		try {
			var generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("EC P-256 is not available", ex);
		}
	}

	/** A self-signed root CA certificate. */
	static X509Certificate root(String commonName, KeyPair keys, Instant notBefore, Instant notAfter) {
		var name = name(commonName);
		return build(name, keys.getPublic(), name, keys.getPublic(), keys.getPrivate(), notBefore, notAfter,
				builder -> {
					builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
					builder.addExtension(Extension.keyUsage, true,
							new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
				});
	}

	/**
	 * A CA certificate that may sign leaves only (path length 0), whose leaves' DNS names
	 * must be one of {@code dnsSuffixes} or under one (name constraints, which TLS
	 * clients check).
	 */
	static X509Certificate intermediate(String commonName, PublicKey key, List<String> dnsSuffixes,
			X509Certificate issuer, PrivateKey issuerKey, Instant notBefore, Instant notAfter) {
		return build(name(commonName), key, holder(issuer).getSubject(), issuer.getPublicKey(), issuerKey, notBefore,
				notAfter, builder -> {
					builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
					builder.addExtension(Extension.keyUsage, true,
							new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
					if (!dnsSuffixes.isEmpty()) {
						var permitted = dnsSuffixes.stream()
							.map(suffix -> new GeneralSubtree(new GeneralName(GeneralName.dNSName, suffix)))
							.toArray(GeneralSubtree[]::new);
						builder.addExtension(Extension.nameConstraints, true, new NameConstraints(permitted, null));
					}
				});
	}

	/** A leaf for TLS servers and clients, named by a URI and DNS names. */
	static X509Certificate leaf(String commonName, String uri, List<String> dnsNames, PublicKey key,
			X509Certificate issuer, PrivateKey issuerKey, Instant notBefore, Instant notAfter) {
		var names = new ArrayList<GeneralName>();
		names.add(new GeneralName(GeneralName.uniformResourceIdentifier, uri));
		dnsNames.forEach(dns -> names.add(new GeneralName(GeneralName.dNSName, dns)));
		return build(name(commonName), key, holder(issuer).getSubject(), issuer.getPublicKey(), issuerKey, notBefore,
				notAfter, builder -> {
					builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
					builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
					builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
							new KeyPurposeId[] { KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth }));
					// The subject is named by its SANs (RFC 5280 §4.2.1.6): critical only
					// when the subject is empty, which it is not.
					builder.addExtension(Extension.subjectAlternativeName, false,
							new GeneralNames(names.toArray(GeneralName[]::new)));
				});
	}

	private interface Extensions {

		void add(JcaX509v3CertificateBuilder builder) throws IOException;

	}

	private static X509Certificate build(X500Name subject, PublicKey key, X500Name issuer, PublicKey issuerPublic,
			PrivateKey issuerKey, Instant notBefore, Instant notAfter, Extensions extensions) {
		try {
			var utils = new JcaX509ExtensionUtils();
			var builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(127, RANDOM).add(BigInteger.ONE),
					Date.from(notBefore), Date.from(notAfter), subject, key);
			builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key));
			builder.addExtension(Extension.authorityKeyIdentifier, false,
					utils.createAuthorityKeyIdentifier(issuerPublic));
			extensions.add(builder);
			var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey);
			return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
		}
		catch (GeneralSecurityException | OperatorCreationException ex) {
			throw new IllegalStateException("a certificate could not be signed", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static X500Name name(String commonName) {
		return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "vaas").addRDN(BCStyle.CN, commonName).build();
	}

	private static X509CertificateHolder holder(X509Certificate certificate) {
		try {
			return new X509CertificateHolder(certificate.getEncoded());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Certificates as PEM, one after the other. */
	static String pem(List<X509Certificate> certificates) {
		var out = new StringWriter();
		try (var writer = new JcaPEMWriter(out)) {
			for (var certificate : certificates) {
				writer.writeObject(certificate);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString();
	}

	/** A private key as unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}). */
	static String pkcs8Pem(PrivateKey key) {
		var out = new StringWriter();
		try (var writer = new JcaPEMWriter(out)) {
			writer.writeObject(new JcaPKCS8Generator(key, null));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString();
	}

	/** The one certificate of a PEM text. */
	static X509Certificate certificate(String pem) {
		try (var parser = new PEMParser(new StringReader(pem))) {
			return new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) parser.readObject());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** An EC private key from its PKCS#8 encoding. */
	static PrivateKey privateKey(byte[] pkcs8) {
		try {
			return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("a stored private key does not read", ex);
		}
	}

}
