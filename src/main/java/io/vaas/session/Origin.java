package io.vaas.session;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Where a session came from, as its credential method saw it: recorded with the session
 * and shown in {@code GET /namespaces/{ns}/agents}.
 *
 * @param method {@code seed}, {@code identity} or {@code key}
 * @param seed the seed it was exchanged from, as stored (seed and key methods)
 * @param seedId that seed's id as operators know it: a UUID, or a key seed's key id
 * @param trust the trust that let an identity token in
 * @param issuer the identity token's {@code iss}
 * @param subject the identity token's {@code sub}
 * @param kubernetes the pod, for a Kubernetes service-account token
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Origin(String method, @JsonIgnore @Nullable UUID seed, @Nullable String seedId, @Nullable String trust,
		@Nullable String issuer, @Nullable String subject, @Nullable Workload kubernetes) {

	/** A session from a seed token. */
	public static Origin seed(UUID seedId) {
		return new Origin("seed", seedId, seedId.toString(), null, null, null, null);
	}

	/** A session from a key seed's assertion. */
	public static Origin key(UUID seed, String keyId) {
		return new Origin("key", seed, keyId, null, null, null, null);
	}

	/** A session from an identity token that a trust let in. */
	public static Origin identity(String trust, String issuer, String subject, @Nullable Workload kubernetes) {
		return new Origin("identity", null, null, trust, issuer, subject, kubernetes);
	}

	/** What the audit log names as the credential: the seed, or the trust. */
	public String credential() {
		return seedId != null ? seedId : trust != null ? trust : method;
	}

	/**
	 * The pod behind a Kubernetes service-account token (its {@code kubernetes.io}
	 * claim).
	 *
	 * @param namespace the pod's namespace
	 * @param serviceAccount its service account
	 * @param pod the pod's name, when the token is bound to a pod
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Workload(@Nullable String namespace, @Nullable String serviceAccount, @Nullable String pod) {
	}

}
