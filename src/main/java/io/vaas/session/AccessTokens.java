package io.vaas.session;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vaas.keys.DataKeyWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signs and verifies access tokens: ES256 JWTs (nimbus-jose-jwt) with {@code iss},
 * {@code aud}, {@code sub} (the session), {@code jti}, {@code iat}, {@code exp},
 * {@code bundle} ({@code namespace/name}) and {@code areas}. Signing keys live in the
 * database, their private halves sealed by a KEK, so every replica signs and verifies
 * alike; each replica keeps them in memory and reads the database only for a key id it
 * has not seen (or, for signing, every few seconds to follow a rotation made elsewhere).
 */
@Component
class AccessTokens implements InitializingBean {

	private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);

	static final Duration SIGNER_REFRESH = Duration.ofSeconds(10);

	static final Duration UNKNOWN_KID_BACKOFF = Duration.ofSeconds(1);

	static final Duration PUBLISHED_REFRESH = Duration.ofSeconds(10);

	private final SigningKeys keys;

	private final DataKeyWrapper wrapper;

	private final RevokedSessions revoked;

	private final SessionProperties properties;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private volatile Map<String, ECKey> published = Map.of();

	private final com.github.benmanes.caffeine.cache.Cache<String, VerifiedToken> verified = com.github.benmanes.caffeine.cache.Caffeine
		.newBuilder()
		.maximumSize(100_000)
		.expireAfterWrite(Duration.ofMinutes(5))
		.build();

	private volatile Instant publishedReadAt = Instant.EPOCH;

	private volatile ECKey signer;

	private volatile Instant signerReadAt = Instant.EPOCH;

	AccessTokens(SigningKeys keys, DataKeyWrapper wrapper, RevokedSessions revoked, SessionProperties properties,
			TransactionTemplate transactions, Clock clock) {
		this.keys = keys;
		this.wrapper = wrapper;
		this.revoked = revoked;
		this.properties = properties;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Override
	public void afterPropertiesSet() {
		transactions.executeWithoutResult(status -> {
			if (keys.findFirstByStatusOrderByCreatedAtDesc(SigningKey.ACTIVE).isEmpty()) {
				keys.save(newKey());
			}
		});
		currentSigner();
	}

	/**
	 * Makes a new key the signer; the old one stays published until its tokens have
	 * expired.
	 */
	String rotate() {
		var created = transactions.execute(status -> {
			var now = clock.instant();
			keys.lockActive().forEach(key -> key.retire(now));
			return keys.save(newKey());
		});
		signerReadAt = Instant.EPOCH;
		publishedReadAt = Instant.EPOCH;
		log.info("event=signing_key_rotated kid={}", created.kid());
		return created.kid();
	}

	/**
	 * A token for the session, expiring after the TTL or at the session's end, whichever
	 * is first.
	 */
	Issued issue(UUID session, String namespace, String bundle, List<String> areas, Instant sessionEnd) {
		var now = clock.instant();
		var expiry = now.plus(properties.accessTokenTtl());
		if (expiry.isAfter(sessionEnd)) {
			expiry = sessionEnd;
		}
		var claims = new JWTClaimsSet.Builder().issuer(properties.issuer())
			.audience(properties.audience())
			.subject(session.toString())
			.jwtID(UUID.randomUUID().toString())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(expiry))
			.claim("bundle", namespace + "/" + bundle)
			.claim("areas", areas)
			.build();
		return new Issued(sign(claims), Duration.between(now, expiry).toSeconds());
	}

	record Issued(String token, long expiresIn) {

		@Override
		public String toString() {
			return "Issued[expiresIn=" + expiresIn + "]";
		}

	}

	/**
	 * Package-private so tests can forge tokens with the real key (wrong audience,
	 * expired, …).
	 */
	String sign(JWTClaimsSet claims) {
		var key = currentSigner();
		var jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
				claims);
		try {
			jwt.sign(new ECDSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign an access token", ex);
		}
		return jwt.serialize();
	}

	/**
	 * A compact JWS over a bundle's identity, revision and digest, so an agent can prove
	 * where it came from.
	 */
	String signDigest(String bundle, long revision, String digest) {
		var key = currentSigner();
		var payload = new com.nimbusds.jose.Payload(
				Map.<String, Object>of("bundle", bundle, "revision", revision, "digest", digest));
		var jws = new com.nimbusds.jose.JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
			.type(new JOSEObjectType("vaas-bundle+jws"))
			.build(), payload);
		try {
			jws.sign(new ECDSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign a bundle digest", ex);
		}
		return jws.serialize();
	}

	/**
	 * Checks everything about a token; throws {@link InvalidAccessToken} naming what
	 * failed.
	 */
	VerifiedToken verify(String token) {
		// A token verified before costs a map look-up, its expiry and the revocation
		// check.
		var known = verified.getIfPresent(token);
		if (known != null) {
			if (!clock.instant().isBefore(known.expiresAt())) {
				verified.invalidate(token);
				throw new InvalidAccessToken("expired");
			}
			if (revoked.isRevoked(known.sessionId())) {
				throw new InvalidAccessToken("session revoked");
			}
			return known;
		}
		var result = verifyFully(token);
		verified.put(token, result);
		return result;
	}

	private VerifiedToken verifyFully(String token) {
		SignedJWT jwt;
		JWTClaimsSet claims;
		try {
			jwt = SignedJWT.parse(token);
			claims = jwt.getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw new InvalidAccessToken("not a signed JWT");
		}
		if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
			throw new InvalidAccessToken("algorithm not allowed");
		}
		var key = publicKey(jwt.getHeader().getKeyID());
		try {
			if (!jwt.verify(new ECDSAVerifier(key))) {
				throw new InvalidAccessToken("signature does not verify");
			}
		}
		catch (JOSEException ex) {
			throw new InvalidAccessToken("signature does not verify");
		}
		var now = clock.instant();
		if (!properties.issuer().equals(claims.getIssuer())) {
			throw new InvalidAccessToken("wrong issuer");
		}
		if (claims.getAudience() == null || !claims.getAudience().contains(properties.audience())) {
			throw new InvalidAccessToken("wrong audience");
		}
		if (claims.getExpirationTime() == null || !now.isBefore(claims.getExpirationTime().toInstant())) {
			throw new InvalidAccessToken("expired");
		}
		UUID session;
		String bundle;
		List<String> areas;
		try {
			session = UUID.fromString(claims.getSubject());
			bundle = claims.getStringClaim("bundle");
			areas = claims.getStringListClaim("areas");
		}
		catch (ParseException | IllegalArgumentException | NullPointerException ex) {
			throw new InvalidAccessToken("claims malformed");
		}
		if (bundle == null || areas == null || bundle.indexOf('/') < 1) {
			throw new InvalidAccessToken("claims malformed");
		}
		if (revoked.isRevoked(session)) {
			throw new InvalidAccessToken("session revoked");
		}
		var slash = bundle.indexOf('/');
		return new VerifiedToken(session, bundle.substring(0, slash), bundle.substring(slash + 1), areas,
				claims.getExpirationTime().toInstant());
	}

	/** Public keys of the active and recently retired signing keys. */
	Map<String, Object> jwks() {
		var since = clock.instant().minus(properties.accessTokenTtl()).minus(Duration.ofMinutes(5));
		var published = keys.published(since).stream().map(key -> parse(key.publicJwk())).toList();
		return new JWKSet(List.copyOf(published)).toJSONObject(true);
	}

	/**
	 * The public key for a key id, from this replica's copy of the published keys
	 * (active, or retired within a token lifetime). The copy is read again every few
	 * seconds, and at most once a second for an unknown key id; a key retired longer ago
	 * is no longer trusted.
	 */
	private ECKey publicKey(String kid) {
		if (kid == null) {
			throw new InvalidAccessToken("no key id");
		}
		var now = clock.instant();
		if (now.isAfter(publishedReadAt.plus(PUBLISHED_REFRESH))) {
			readPublished(now);
		}
		var key = published.get(kid);
		if (key == null && now.isAfter(publishedReadAt.plus(UNKNOWN_KID_BACKOFF))) {
			readPublished(now);
			key = published.get(kid);
		}
		if (key == null) {
			throw new InvalidAccessToken("unknown or retired key");
		}
		return key;
	}

	/**
	 * While the database is away the keys read last stay in use (and are read again after
	 * {@link #PUBLISHED_REFRESH}), so agents holding valid tokens keep being served.
	 */
	private synchronized void readPublished(Instant now) {
		var since = now.minus(properties.accessTokenTtl()).minus(Duration.ofMinutes(5));
		var read = new java.util.HashMap<String, ECKey>();
		try {
			keys.published(since).forEach(key -> read.put(key.kid(), parse(key.publicJwk())));
		}
		catch (RuntimeException ex) {
			if (published.isEmpty() || !io.vaas.shared.DatabaseFailures.isUnavailable(ex)) {
				throw ex;
			}
			publishedReadAt = now;
			return;
		}
		published = Map.copyOf(read);
		publishedReadAt = now;
	}

	private ECKey currentSigner() {
		var now = clock.instant();
		var current = signer;
		if (current != null && now.isBefore(signerReadAt.plus(SIGNER_REFRESH))) {
			return current;
		}
		synchronized (this) {
			SigningKey active;
			try {
				active = keys.findFirstByStatusOrderByCreatedAtDesc(SigningKey.ACTIVE).orElseThrow();
			}
			catch (RuntimeException ex) {
				// The database is away: keep signing with the key in hand.
				if (signer == null || !io.vaas.shared.DatabaseFailures.isUnavailable(ex)) {
					throw ex;
				}
				signerReadAt = now;
				return signer;
			}
			if (signer == null || !signer.getKeyID().equals(active.kid())) {
				var sealed = wrapper.unwrap(active.privateKey(), SigningKey.context(active.kid()));
				try {
					signer = parse(new String(sealed, StandardCharsets.UTF_8));
				}
				finally {
					Arrays.fill(sealed, (byte) 0);
				}
			}
			signerReadAt = now;
			return signer;
		}
	}

	private SigningKey newKey() {
		var kid = UUID.randomUUID().toString();
		try {
			var key = new ECKeyGenerator(Curve.P_256).keyID(kid)
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.ES256)
				.generate();
			var privateJwk = key.toJSONString().getBytes(StandardCharsets.UTF_8);
			try {
				return new SigningKey(kid, key.toPublicJWK().toJSONString(),
						wrapper.wrap(privateJwk, SigningKey.context(kid)), clock.instant());
			}
			finally {
				Arrays.fill(privateJwk, (byte) 0);
			}
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not generate a signing key", ex);
		}
	}

	private static ECKey parse(String jwk) {
		try {
			return ECKey.parse(jwk);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("A stored signing key is not a valid EC JWK", ex);
		}
	}

}
