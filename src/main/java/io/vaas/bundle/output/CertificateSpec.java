package io.vaas.bundle.output;

import java.time.Duration;
import java.util.List;

/**
 * A certificate made for each session (SPEC §7.3): its subject's common name, the DNS
 * names it adds to the URI SAN {@code spiffe://{trust-domain}/ns/{ns}/bundle/{b}}, and
 * its lifetime (it is made again after two thirds of it).
 */
public record CertificateSpec(String commonName, List<String> dnsNames, Duration ttl) implements SessionEntry.Made {

	public CertificateSpec {
		dnsNames = List.copyOf(dnsNames);
	}

	/** When a certificate made at {@code 0} is made again: after 2/3 of its lifetime. */
	@Override
	public Duration renewAfter() {
		return ttl.multipliedBy(2).dividedBy(3);
	}

}
