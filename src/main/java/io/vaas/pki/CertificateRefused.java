package io.vaas.pki;

/**
 * A certificate that is not made: a DNS name outside those its namespace may have (422 at
 * the fetch).
 */
public class CertificateRefused extends RuntimeException {

	CertificateRefused(String message) {
		super(message);
	}

}
