package io.vaas.pki;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vaas.pki.*}: the SPIFFE trust domain of the leaves' URI SAN, how long a root and
 * a namespace's intermediate live (each is replaced after 2/3 of it), and how long a
 * replaced root stays in the trust bundles (at least a leaf's longest lifetime, so every
 * leaf it signed expires first).
 */
@ConfigurationProperties("vaas.pki")
record PkiProperties(@DefaultValue("vaas.local") String trustDomain, @DefaultValue("P3650D") Duration rootLifetime,
		@DefaultValue("P365D") Duration intermediateLifetime, @DefaultValue("P90D") Duration rotationOverlap) {
}
