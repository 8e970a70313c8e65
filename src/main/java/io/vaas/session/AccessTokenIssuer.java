package io.vaas.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.stereotype.Component;

/**
 * Issues access tokens: ES256 JWTs (nimbus-jose-jwt) with {@code iss}, {@code aud},
 * {@code sub} (the session), {@code jti}, {@code iat}, {@code exp}, {@code bundle}
 * ({@code namespace/name}) and {@code areas}, signed with the {@link SigningKeyRing}'s
 * current key. {@link AccessTokenVerifier} checks them.
 */
@Component
class AccessTokenIssuer {

	private final SigningKeyRing ring;

	private final SessionProperties properties;

	private final Clock clock;

	AccessTokenIssuer(SigningKeyRing ring, SessionProperties properties, Clock clock) {
		this.ring = ring;
		this.properties = properties;
		this.clock = clock;
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

	/**
	 * Whether a token can be signed now: a key is in hand (a signature made after a
	 * session's commit must not fail for the lack of one, which would leave the seed used
	 * and its client without a token).
	 */
	boolean canSign() {
		try {
			ring.currentSigner();
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
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
				new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.kid()).type(JOSEObjectType.JWT).build(), claims);
		try {
			jwt.sign(key.signer());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign an access token", ex);
		}
		return jwt.serialize();
	}

}
