package io.vaas.trust;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How identity tokens' keys are fetched (SPEC 7.1).
 *
 * @param caFile further CA certificates (PEM) trusted when fetching keys and discovery
 * documents, beside the JDK's; e.g. a private issuer's CA
 * @param keysTtl how long fetched keys are used before they are fetched again
 * @param refetchInterval an unknown {@code kid} fetches the keys again once; more than
 * two fetches of one key set within this interval are refused (an attacker's made-up
 * {@code kid}s cannot hammer the issuer)
 * @param fetchTimeout the longest a key or discovery fetch may take (connect and read)
 * @param kubernetes the Kubernetes API server as a key source
 */
@ConfigurationProperties("vaas.identity")
record IdentityProperties(@Nullable Path caFile, @DefaultValue("5m") Duration keysTtl,
		@DefaultValue("30s") Duration refetchInterval, @DefaultValue("3s") Duration fetchTimeout,
		@DefaultValue Kubernetes kubernetes) {

	IdentityProperties {
		if (refetchInterval.compareTo(keysTtl) >= 0) {
			throw new IllegalArgumentException("vaas.identity.refetch-interval (" + refetchInterval
					+ ") must be shorter than vaas.identity.keys-ttl (" + keysTtl + ")");
		}
	}

	/**
	 * A Kubernetes API server serves its service-account issuer's keys only to callers it
	 * knows: vaas sends its own service-account token, and only to these hosts.
	 *
	 * @param hosts the hosts that get the token (the API server's in-cluster names)
	 * @param tokenFile the server's own service-account token, read at each fetch (the
	 * kubelet rotates it); not sent when the file is absent
	 * @param caFile the cluster CA, trusted when the file is present
	 */
	record Kubernetes(@DefaultValue( {
			"kubernetes.default.svc", "kubernetes.default.svc.cluster.local" }) List<String> hosts,
			@DefaultValue("/var/run/secrets/kubernetes.io/serviceaccount/token") Path tokenFile,
			@DefaultValue("/var/run/secrets/kubernetes.io/serviceaccount/ca.crt") Path caFile){
	}

}
