package io.vaas.pki;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vaas.pki.*}: the SPIFFE trust domain of the leaves' URI SAN, how long a root and
 * a namespace's intermediate live (each is replaced after 2/3 of it), how long a replaced
 * root stays in the trust bundles (at least a leaf's longest lifetime, so every leaf it
 * signed expires first), and the DNS names a namespace's certificates may have
 * ({@code {ns}} is the namespace; a name is one of them or under one): every namespace's
 * leaves chain to one root, so without this limit one namespace could get a certificate
 * for another's service.
 */
@ConfigurationProperties("vaas.pki")
record PkiProperties(@DefaultValue("vaas.local") String trustDomain, @DefaultValue("P3650D") Duration rootLifetime,
		@DefaultValue("P365D") Duration intermediateLifetime, @DefaultValue("P90D") Duration rotationOverlap,
		@DefaultValue( {
				"{ns}.svc", "{ns}.svc.cluster.local" }) List<String> dnsSuffixes){
}
