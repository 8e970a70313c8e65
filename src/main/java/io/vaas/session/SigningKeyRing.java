package io.vaas.session;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.vaas.keys.DataKeyWrapper;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The access-token signing keys: generated, rotated, published as a JWK Set. They live in
 * the database, their private halves sealed by a KEK, so every replica signs and verifies
 * alike; each replica keeps them in memory and reads the database only for a key id it
 * has not seen (or, for signing, every few seconds to follow a rotation made elsewhere),
 * and keeps using what it has while the database is away.
 */
@Component
class SigningKeyRing implements InitializingBean {

	private static final Logger log = LoggerFactory.getLogger(SigningKeyRing.class);

	static final Duration SIGNER_REFRESH = Duration.ofSeconds(10);

	static final Duration UNKNOWN_KID_BACKOFF = Duration.ofSeconds(1);

	static final Duration PUBLISHED_REFRESH = Duration.ofSeconds(10);

	private final SigningKeys keys;

	private final DataKeyWrapper wrapper;

	private final SessionProperties properties;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private volatile Map<String, Published> published = Map.of();

	private volatile Instant publishedReadAt = Instant.EPOCH;

	private volatile @Nullable SigningKeyInHand signer;

	private volatile Instant signerReadAt = Instant.EPOCH;

	SigningKeyRing(SigningKeys keys, DataKeyWrapper wrapper, SessionProperties properties,
			TransactionTemplate transactions, Clock clock) {
		this.keys = keys;
		this.wrapper = wrapper;
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

	/** Public keys of the active and recently retired signing keys. */
	Map<String, Object> jwks() {
		var since = clock.instant().minus(properties.accessTokenTtl()).minus(Duration.ofMinutes(5));
		var published = keys.published(since).stream().map(key -> parse(key.publicJwk())).toList();
		return new JWKSet(List.copyOf(published)).toJSONObject(true);
	}

	/**
	 * A verifier for a key id, from this replica's copy of the published keys (active, or
	 * retired within a token lifetime), made once per key ({@link Es256}). The copy is
	 * read again every few seconds, and at most once a second for an unknown key id; a
	 * key retired longer ago is no longer trusted.
	 */
	JWSVerifier verifier(String kid) {
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
		return key.verifier();
	}

	/**
	 * While the database is away the keys read last stay in use (and are read again after
	 * {@link #PUBLISHED_REFRESH}), so agents holding valid tokens keep being served. A
	 * key read again as it was keeps its verifier.
	 */
	private synchronized void readPublished(Instant now) {
		var since = now.minus(properties.accessTokenTtl()).minus(Duration.ofMinutes(5));
		var held = published;
		var read = new java.util.HashMap<String, Published>();
		try {
			keys.published(since).forEach(key -> {
				var known = held.get(key.kid());
				read.put(key.kid(), known != null && known.jwk().equals(key.publicJwk()) ? known
						: new Published(key.publicJwk(), Es256.verifier(parse(key.publicJwk()))));
			});
		}
		catch (RuntimeException ex) {
			if (held.isEmpty() || !io.vaas.shared.DatabaseFailures.isUnavailable(ex)) {
				throw ex;
			}
			publishedReadAt = now;
			return;
		}
		published = Map.copyOf(read);
		publishedReadAt = now;
	}

	private record Published(String jwk, JWSVerifier verifier) {
	}

	/**
	 * The key that signs now, following a rotation made on any replica within seconds.
	 */
	SigningKeyInHand currentSigner() {
		var now = clock.instant();
		var current = signer;
		if (current != null && now.isBefore(signerReadAt.plus(SIGNER_REFRESH))) {
			return current;
		}
		synchronized (this) {
			var held = signer;
			SigningKey active;
			try {
				active = keys.findFirstByStatusOrderByCreatedAtDesc(SigningKey.ACTIVE).orElseThrow();
			}
			catch (RuntimeException ex) {
				// The database is away: keep signing with the key in hand.
				if (held == null || !io.vaas.shared.DatabaseFailures.isUnavailable(ex)) {
					throw ex;
				}
				signerReadAt = now;
				return held;
			}
			if (held == null || !held.kid().equals(active.kid())) {
				var sealed = wrapper.unwrap(active.privateKey(), SigningKey.context(active.kid()));
				try {
					held = SigningKeyInHand.of(parse(new String(sealed, StandardCharsets.UTF_8)));
				}
				finally {
					Arrays.fill(sealed, (byte) 0);
				}
				signer = held;
			}
			signerReadAt = now;
			return held;
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
