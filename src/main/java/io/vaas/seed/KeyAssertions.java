package io.vaas.seed;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.bc.BouncyCastleProviderSingleton;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks a key seed's assertion (RFC 7523 {@code jwt-bearer}, SPEC 7.2): an ES256 JWT
 * signed with the seed's key (Nimbus verifies it), {@code iss} and {@code sub} the seed's
 * id, {@code aud} the token endpoint's public URL, {@code jti}, {@code iat} and
 * {@code exp} present, {@code exp} at most 5 minutes after {@code iat}, at most 60 s of
 * clock skew; the seed neither revoked nor expired. A {@code jti} seen before is a
 * replay: every {@code jti} is stored until its assertion expires, in the database, so
 * every replica sees it; the seed's row is locked meanwhile, so two copies of one
 * assertion take turns.
 */
@Service
public class KeyAssertions {

	static final Duration MAX_LIFETIME = Duration.ofMinutes(5);

	static final Duration MAX_SKEW = Duration.ofSeconds(60);

	static final int MAX_JTI = 200;

	private final Seeds seeds;

	private final JdbcClient jdbc;

	private final Clock clock;

	KeyAssertions(Seeds seeds, JdbcTemplate jdbc, Clock clock) {
		this.seeds = seeds;
		this.jdbc = JdbcClient.create(jdbc);
		this.clock = clock;
	}

	/**
	 * Checks the assertion, in the caller's transaction.
	 * @param assertion the signed JWT as presented (never logged)
	 * @param audience the token endpoint's public URL, which {@code aud} must name
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Redemption redeem(String assertion, String audience) {
		SignedJWT jwt;
		String keyId;
		try {
			jwt = SignedJWT.parse(assertion);
			keyId = jwt.getJWTClaimsSet().getIssuer();
		}
		catch (ParseException ex) {
			return new Redemption.Refused("assertion: not a signed JWT", null);
		}
		var found = keyId == null || keyId.length() > 64 ? java.util.Optional.<Seed>empty() : seeds.lockByKeyId(keyId);
		if (found.isEmpty()) {
			return new Redemption.Refused("assertion: no key seed with the id in iss", null);
		}
		var seed = found.get();
		JWTClaimsSet claims;
		try {
			claims = processor(seed, audience).process(jwt, null);
		}
		catch (BadJOSEException | JOSEException | ParseException ex) {
			return refused(seed, ex.getMessage());
		}
		var now = clock.instant();
		var issuedAt = claims.getIssueTime().toInstant();
		var expiresAt = claims.getExpirationTime().toInstant();
		if (expiresAt.isAfter(issuedAt.plus(MAX_LIFETIME))) {
			return refused(seed, "exp is more than " + MAX_LIFETIME.toMinutes() + " min after iat");
		}
		if (issuedAt.isAfter(now.plus(MAX_SKEW))) {
			return refused(seed, "iat is more than " + MAX_SKEW.toSeconds() + " s in the future");
		}
		if (seed.revokedAt() != null) {
			return refused(seed, "the key seed is revoked");
		}
		if (!now.isBefore(seed.expiresAt())) {
			return refused(seed, "the key seed expired");
		}
		var jti = claims.getJWTID();
		if (jti.length() > MAX_JTI) {
			return refused(seed, "jti is longer than " + MAX_JTI + " characters");
		}
		// This key's expired jtis only, under its row lock: exchanges of other keys never
		// wait.
		jdbc.sql("DELETE FROM used_assertions WHERE key_id = :key AND expires_at < :now")
			.param("key", keyId)
			.param("now", now.atOffset(ZoneOffset.UTC))
			.update();
		var seen = jdbc.sql("SELECT COUNT(*) FROM used_assertions WHERE key_id = :key AND jti = :jti")
			.param("key", keyId)
			.param("jti", jti)
			.query(Long.class)
			.single();
		if (seen > 0) {
			return refused(seed, "replayed assertion: jti seen before");
		}
		jdbc.sql("INSERT INTO used_assertions (key_id, jti, expires_at) VALUES (:key, :jti, :expires)")
			.param("key", keyId)
			.param("jti", jti)
			.param("expires", latest(expiresAt, now).atOffset(ZoneOffset.UTC))
			.update();
		seed.used(now);
		return new Redemption.Accepted(seed.grant());
	}

	/** Kept while the assertion could still pass: until its {@code exp} plus the skew. */
	private static Instant latest(Instant expiresAt, Instant now) {
		var until = expiresAt.plus(MAX_SKEW);
		return until.isAfter(now) ? until : now.plus(MAX_SKEW);
	}

	private static DefaultJWTProcessor<SecurityContext> processor(Seed seed, String audience) throws ParseException {
		var processor = new DefaultJWTProcessor<SecurityContext>();
		// Named by its id, so that an assertion's kid, when it has one, must be the id.
		var key = new ECKey.Builder(ECKey.parse(java.util.Objects.requireNonNull(seed.publicJwk()))).keyID(seed.keyId())
			.build();
		processor.setJWSKeySelector(
				new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(new JWKSet(key))));
		// BouncyCastle checks an ES256 signature in about 150 µs here, the JDK in 350 µs.
		var verifiers = new DefaultJWSVerifierFactory();
		verifiers.getJCAContext().setProvider(BouncyCastleProviderSingleton.getInstance());
		processor.setJWSVerifierFactory(verifiers);
		var verifier = new DefaultJWTClaimsVerifier<SecurityContext>(Set.of(audience),
				new JWTClaimsSet.Builder().issuer(seed.keyId()).subject(seed.keyId()).build(),
				Set.of("exp", "iat", "jti"), null);
		verifier.setMaxClockSkew((int) MAX_SKEW.toSeconds());
		processor.setJWTClaimsSetVerifier(verifier);
		return processor;
	}

	private static Redemption.Refused refused(Seed seed, String reason) {
		return new Redemption.Refused("key seed " + seed.keyId() + ": " + reason, seed.namespace());
	}

}
