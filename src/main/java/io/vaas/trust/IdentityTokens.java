package io.vaas.trust;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import io.vaas.bundle.BundleRef;
import io.vaas.bundle.BundleRefs;
import io.vaas.bundle.output.Area;
import io.vaas.session.CredentialMethod;
import io.vaas.session.Origin;
import io.vaas.session.TokenExchange;
import io.vaas.session.TokenRequest;
import io.vaas.session.Verification;
import io.vaas.shared.FailureThrottle;
import io.vaas.shared.InvalidName;
import io.vaas.shared.NamespaceName;
import io.vaas.shared.ResourceName;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * An identity token exchanged for a session (SPEC 7.1, RFC 8693 with
 * {@code subject_token_type=urn:ietf:params:oauth:token-type:jwt} and
 * {@code resource=urn:vaas:bundle:{ns}/{b}}): a JWT that one of the bundle's trusts
 * accepts. Nimbus checks it ({@link Signatures}): RS256, ES256 or EdDSA only, signed by
 * one of the issuer's keys ({@link IssuerKeys}); {@code iss} exact, an accepted
 * {@code aud}, {@code exp} and {@code sub} required, at most 60 s of clock skew. Then the
 * trust's subject glob and claim rules ({@link TrustMatch}). Not single-use: the kubelet
 * hands the same token to every exchange until it rotates the file.
 */
@Component
class IdentityTokens implements CredentialMethod {

	static final String RESOURCE_PREFIX = "urn:vaas:bundle:";

	static final Duration MAX_SKEW = Duration.ofSeconds(60);

	static final int MAX_SUBJECT = 500;

	private final Trusts trusts;

	private final BundleRefs bundles;

	private final IssuerKeys keys;

	private final JsonMapper json;

	private final Clock clock;

	IdentityTokens(Trusts trusts, BundleRefs bundles, IssuerKeys keys, JsonMapper json, Clock clock) {
		this.trusts = trusts;
		this.bundles = bundles;
		this.keys = keys;
		this.json = json;
		this.clock = clock;
	}

	@Override
	public boolean accepts(TokenRequest request) {
		return TokenExchange.GRANT_TYPE.equals(request.grantType())
				&& TokenExchange.JWT_TOKEN_TYPE.equals(request.subjectTokenType()) && !request.subject().isEmpty();
	}

	@Override
	public boolean verifiesInTransaction() {
		return false;
	}

	@Override
	public String action() {
		return "identity.exchange";
	}

	@Override
	public String credentialKey(TokenRequest request) {
		return FailureThrottle.credentialKey("jwt", request.subject());
	}

	@Override
	public Verification verify(TokenRequest request) {
		var bundle = bundle(request.resource());
		if (bundle == null) {
			return new Verification.Refused("resource " + TrustMatch.quoted(request.resource())
					+ " is not an existing bundle's urn:vaas:bundle:{namespace}/{bundle}", null);
		}
		SignedJWT token;
		String issuer;
		try {
			token = SignedJWT.parse(request.subject());
			issuer = token.getJWTClaimsSet().getIssuer();
		}
		catch (ParseException ex) {
			return refused(bundle, "not a signed JWT");
		}
		var candidates = trusts.findByBundleIdOrderByName(bundle.id())
			.stream()
			.map(trust -> Map.entry(trust.name(), json.readValue(trust.definition(), TrustDefinition.class)))
			.filter(trust -> trust.getValue().issuer().equals(issuer))
			.toList();
		if (candidates.isEmpty()) {
			return refused(bundle, "no trust of bundle " + bundle.name() + " for iss " + TrustMatch.quoted(issuer));
		}
		var reasons = new ArrayList<String>();
		String unavailable = null;
		for (var candidate : candidates) {
			var name = candidate.getKey();
			var definition = candidate.getValue();
			JWTClaimsSet claims;
			try {
				claims = Signatures.verify(token, keys.of(definition), claimsVerifier(definition));
			}
			catch (RateLimitReachedException ex) {
				reasons.add(name + ": no key for the token's kid, and the keys were fetched again just now");
				continue;
			}
			catch (KeySourceException ex) {
				unavailable = name + ": the issuer's keys are out of reach: " + ex.getMessage();
				reasons.add(unavailable);
				continue;
			}
			catch (BadJOSEException | JOSEException ex) {
				reasons.add(name + ": " + ex.getMessage());
				continue;
			}
			var mismatch = TrustMatch.mismatch(definition, claims, json).or(() -> issuedInTheFuture(claims));
			if (mismatch.isPresent()) {
				reasons.add(name + ": " + mismatch.get());
				continue;
			}
			return new Verification.Granted(
					Origin.identity(name, issuer, claims.getSubject(), Kubernetes.workload(claims)), bundle.namespace(),
					bundle.id(), bundle.name(),
					definition.areas().stream().map(area -> Area.of(area).orElseThrow()).toList(), definition.ttl());
		}
		if (unavailable != null) {
			// Perhaps a good token: the caller retries rather than gives up.
			return new Verification.Unavailable(String.join("; ", reasons), bundle.namespace());
		}
		return refused(bundle, String.join("; ", reasons));
	}

	/**
	 * {@code iss} exact, one of the audiences, {@code exp} and {@code sub} present, 60 s
	 * skew.
	 */
	private static DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier(TrustDefinition trust) {
		var verifier = new DefaultJWTClaimsVerifier<SecurityContext>(new HashSet<>(trust.audiences()),
				new JWTClaimsSet.Builder().issuer(trust.issuer()).build(), Set.of("exp", "sub"), null);
		verifier.setMaxClockSkew((int) MAX_SKEW.toSeconds());
		return verifier;
	}

	/** Nimbus does not look at {@code iat}; a token from the future is refused too. */
	private java.util.Optional<String> issuedInTheFuture(JWTClaimsSet claims) {
		var issuedAt = claims.getIssueTime();
		if (issuedAt != null && issuedAt.toInstant().isAfter(clock.instant().plus(MAX_SKEW))) {
			return java.util.Optional.of("iat is more than " + MAX_SKEW.toSeconds() + " s in the future");
		}
		if (claims.getSubject().length() > MAX_SUBJECT) {
			return java.util.Optional.of("sub is longer than " + MAX_SUBJECT + " characters");
		}
		return java.util.Optional.empty();
	}

	private @Nullable BundleRef bundle(@Nullable String resource) {
		if (resource == null || !resource.startsWith(RESOURCE_PREFIX)) {
			return null;
		}
		var parts = resource.substring(RESOURCE_PREFIX.length()).split("/", -1);
		if (parts.length != 2) {
			return null;
		}
		try {
			return bundles.find(NamespaceName.of(parts[0]), ResourceName.of(parts[1])).orElse(null);
		}
		catch (InvalidName ex) {
			return null;
		}
	}

	private static Verification.Refused refused(BundleRef bundle, String reason) {
		return new Verification.Refused(reason, bundle.namespace());
	}

	/** What a Kubernetes service-account token says of its pod. */
	private static final class Kubernetes {

		static Origin.@Nullable Workload workload(JWTClaimsSet claims) {
			Map<String, Object> kubernetes;
			try {
				kubernetes = claims.getJSONObjectClaim("kubernetes.io");
			}
			catch (ParseException ex) {
				return null;
			}
			if (kubernetes == null) {
				return null;
			}
			return new Origin.Workload(text(kubernetes.get("namespace")), name(kubernetes.get("serviceaccount")),
					name(kubernetes.get("pod")));
		}

		private static @Nullable String name(@Nullable Object object) {
			return object instanceof Map<?, ?> map ? text(map.get("name")) : null;
		}

		private static @Nullable String text(@Nullable Object value) {
			return value instanceof String text && text.length() <= 253 ? text : null;
		}

	}

}
