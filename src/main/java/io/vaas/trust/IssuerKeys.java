package io.vaas.trust;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;

import org.springframework.stereotype.Component;

/**
 * The keys a trust's tokens are checked with: its static {@code jwks}, or Nimbus' key
 * source for its {@code jwksUri} (found by OIDC discovery at the issuer when not given),
 * one per URI for all trusts that share it. Fetched keys are cached for
 * {@code vaas.identity.keys-ttl}; a token with an unknown {@code kid} fetches them again
 * once, and more than two fetches within {@code vaas.identity.refetch-interval} are
 * refused (Nimbus' rate limit).
 */
@Component
class IssuerKeys {

	private final KeyFetcher fetcher;

	private final IdentityProperties properties;

	private final Cache<String, JWKSource<SecurityContext>> remote = Caffeine.newBuilder()
		.maximumSize(1_000)
		.expireAfterAccess(Duration.ofHours(1))
		.build();

	private final Cache<Map<String, Object>, JWKSource<SecurityContext>> fixed = Caffeine.newBuilder()
		.maximumSize(1_000)
		.build();

	private final Cache<String, String> discovered;

	/**
	 * Discovery that failed a moment ago is not tried again for each token: callers are
	 * told to retry after as long.
	 */
	private final Cache<String, String> failed = Caffeine.newBuilder()
		.maximumSize(1_000)
		.expireAfterWrite(Duration.ofSeconds(5))
		.build();

	IssuerKeys(KeyFetcher fetcher, IdentityProperties properties) {
		this.fetcher = fetcher;
		this.properties = properties;
		this.discovered = Caffeine.newBuilder().maximumSize(1_000).expireAfterWrite(properties.keysTtl()).build();
	}

	/**
	 * The trust's key source.
	 * @throws KeySourceException when discovery at the issuer fails
	 */
	JWKSource<SecurityContext> of(TrustDefinition trust) throws KeySourceException {
		if (trust.jwks() != null) {
			return fixed.get(trust.jwks(), IssuerKeys::immutable);
		}
		var uri = trust.jwksUri() != null ? trust.jwksUri() : discover(trust.issuer());
		return remote.get(uri, this::fetched);
	}

	private static JWKSource<SecurityContext> immutable(Map<String, Object> jwks) {
		try {
			return new ImmutableJWKSet<>(JWKSet.parse(jwks));
		}
		catch (ParseException ex) {
			// TrustRules parsed the same keys when the trust was put.
			throw new IllegalStateException("stored keys cannot be read: " + ex.getMessage(), ex);
		}
	}

	private JWKSource<SecurityContext> fetched(String uri) {
		try {
			return JWKSourceBuilder.<SecurityContext>create(URI.create(uri).toURL(), fetcher)
				.cache(properties.keysTtl().toMillis(), properties.fetchTimeout().toMillis())
				.refreshAheadCache(false)
				.rateLimited(properties.refetchInterval().toMillis())
				.retrying(false)
				.build();
		}
		catch (MalformedURLException ex) {
			throw new IllegalStateException("stored key URI is not a URL: " + uri, ex);
		}
	}

	/**
	 * The issuer's {@code jwks_uri} from its OIDC discovery document, which must name the
	 * issuer exactly (OpenID Connect Discovery 1.0 §4.3).
	 */
	private String discover(String issuer) throws KeySourceException {
		var known = discovered.getIfPresent(issuer);
		if (known != null) {
			return known;
		}
		var failure = failed.getIfPresent(issuer);
		if (failure != null) {
			throw new KeySourceException(failure + " (within the last 5 s)");
		}
		var location = (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer)
				+ "/.well-known/openid-configuration";
		try {
			var document = JSONObjectUtils.parse(fetcher.retrieveResource(URI.create(location).toURL()).getContent());
			if (!issuer.equals(JSONObjectUtils.getString(document, "issuer"))) {
				throw new KeySourceException("the discovery document at " + location + " names another issuer");
			}
			var jwksUri = JSONObjectUtils.getURI(document, "jwks_uri");
			if (jwksUri == null || !"https".equals(jwksUri.getScheme())) {
				throw new KeySourceException("the discovery document at " + location + " has no https jwks_uri");
			}
			discovered.put(issuer, jwksUri.toString());
			return jwksUri.toString();
		}
		catch (IOException | ParseException ex) {
			var message = "OIDC discovery at " + location + " failed: " + ex.getMessage();
			failed.put(issuer, message);
			throw new KeySourceException(message, ex);
		}
	}

}
