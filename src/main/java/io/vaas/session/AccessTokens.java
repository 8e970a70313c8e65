package io.vaas.session;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.stereotype.Component;

/**
 * Issues and verifies access tokens: ES256 JWTs (nimbus-jose-jwt) with {@code iss},
 * {@code aud}, {@code sub} (the session), {@code jti}, {@code iat}, {@code exp},
 * {@code bundle} ({@code namespace/name}) and {@code areas}; and signs bundle digests.
 * The keys are the {@link SigningKeyRing}'s.
 */
@Component
class AccessTokens {

	private final SigningKeyRing ring;

	private final RevokedSessions revoked;

	private final SessionProperties properties;

	private final Clock clock;

	private final com.github.benmanes.caffeine.cache.Cache<String, VerifiedToken> verified = com.github.benmanes.caffeine.cache.Caffeine
		.newBuilder()
		.maximumSize(100_000)
		.expireAfterWrite(Duration.ofMinutes(5))
		.build();

	AccessTokens(SigningKeyRing ring, RevokedSessions revoked, SessionProperties properties, Clock clock) {
		this.ring = ring;
		this.revoked = revoked;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Makes a new key the signer; the old one stays published until its tokens have
	 * expired.
	 */
	String rotate() {
		return ring.rotate();
	}

	/** Public keys of the active and recently retired signing keys, as a JWK Set. */
	Map<String, Object> jwks() {
		return ring.jwks();
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
		var key = ring.currentSigner();
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
		var key = ring.currentSigner();
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
		var key = ring.publicKey(jwt.getHeader().getKeyID());
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

}
