package io.vaas.seed;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.vaas.audit.AuditEntry;
import io.vaas.audit.AuditLog;
import io.vaas.bundle.BundleRefs;
import io.vaas.operator.Access;
import io.vaas.operator.Permission;
import io.vaas.shared.NamespaceName;
import io.vaas.shared.ResourceName;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues key seeds (SPEC 7.2): an EC P-256 key pair made here, its private key shown once
 * as PKCS#8 PEM (with its public key inside, so that a seed file holding only the PEM is
 * enough to compute the id), or an operator's public key (a JWK) whose private key never
 * reaches the server. The id is the public key's RFC 7638 thumbprint; the agent signs
 * assertions with the private key ({@link KeyAssertions}).
 */
@Service
public class KeySeedIssuer {

	private final Seeds seeds;

	private final BundleRefs bundles;

	private final Access access;

	private final AuditLog audit;

	private final TransactionTemplate transactions;

	private final Clock clock;

	KeySeedIssuer(Seeds seeds, BundleRefs bundles, Access access, AuditLog audit, TransactionTemplate transactions,
			Clock clock) {
		this.seeds = seeds;
		this.bundles = bundles;
		this.access = access;
		this.audit = audit;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * What a key seed should allow.
	 *
	 * @param ttl how long it can be used (default 24 h, at most 30 days)
	 * @param areas which areas its sessions may fetch (default all)
	 * @param maxSessionLifetime how long a session may be renewed
	 * @param description what it is for
	 * @param publicKey an operator-held key's public JWK (EC P-256); else a key is made
	 * here
	 */
	public record Request(@Nullable Duration ttl, @Nullable List<String> areas, @Nullable Duration maxSessionLifetime,
			@Nullable String description, @Nullable Map<String, Object> publicKey) {
	}

	/**
	 * A key seed just created.
	 *
	 * @param id its id, the key's thumbprint
	 * @param privateKey the PKCS#8 PEM of a key made here, shown this once; {@code null}
	 * when the operator holds the key
	 * @param seed everything else about it
	 */
	public record Issued(String id, @Nullable String privateKey, SeedView seed) {

		@Override
		public String toString() {
			return "Issued[id=" + id + ", privateKey=" + (privateKey == null ? "null" : "redacted") + "]";
		}

	}

	public Issued create(NamespaceName namespace, ResourceName bundleName, Request request) {
		var actor = access.require(namespace, Permission.MANAGE_SEEDS);
		var ttl = SeedRules.ttl(request.ttl());
		var maxSession = SeedRules.maxSession(request.maxSessionLifetime());
		SeedRules.description(request.description());
		var areas = SeedRules.areas(request.areas());
		var generated = request.publicKey() == null ? generate() : null;
		var publicKey = generated != null ? generated.toPublicJWK() : given(request.publicKey());
		var keyId = thumbprint(publicKey);
		var bundle = bundles.ref(namespace, bundleName);
		try {
			return transactions.execute(status -> {
				if (seeds.existsByKeyId(keyId)) {
					throw new InvalidSeedRequest("publicKey: a key seed with this key exists already (" + keyId + ")");
				}
				var now = clock.instant();
				var seed = seeds.saveAndFlush(
						Seed.key(namespace.value(), bundle.id(), bundle.name(), keyId, publicKey.toJSONString(),
								request.description(), areas, maxSession, now, actor.name(), now.plus(ttl)));
				audit.record(AuditEntry.success(actor, "seed.create", namespace.value(), keyId, null));
				return new Issued(keyId, generated == null ? null : pem(generated), seed.view(now));
			});
		}
		catch (DataIntegrityViolationException ex) {
			throw new InvalidSeedRequest("publicKey: a key seed with this key exists already (" + keyId + ")");
		}
	}

	private static ECKey generate() {
		try {
			return new ECKeyGenerator(Curve.P_256).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("no EC P-256 key could be made", ex);
		}
	}

	/** An operator's public key: EC P-256, and the public part only. */
	private static ECKey given(Map<String, Object> jwk) {
		JWK key;
		try {
			key = JWK.parse(jwk);
		}
		catch (ParseException | IllegalArgumentException ex) {
			throw new InvalidSeedRequest("publicKey is not a JWK: " + ex.getMessage());
		}
		if (!(key instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve())) {
			throw new InvalidSeedRequest("publicKey must be an EC P-256 key (assertions are signed with ES256)");
		}
		if (ec.isPrivate()) {
			throw new InvalidSeedRequest("publicKey must hold the public key only: the private key stays with "
					+ "its holder; make a new one, this one has been sent");
		}
		if (ec.getKeyUse() != null && !KeyUse.SIGNATURE.equals(ec.getKeyUse())) {
			throw new InvalidSeedRequest("publicKey: use must be sig (or absent)");
		}
		if (ec.getAlgorithm() != null && !JWSAlgorithm.ES256.equals(ec.getAlgorithm())) {
			throw new InvalidSeedRequest("publicKey: alg must be ES256 (or absent)");
		}
		// The key itself and nothing else (no kid, x5c or key_ops of the operator's).
		return new ECKey.Builder(Curve.P_256, ec.getX(), ec.getY()).build();
	}

	private static String thumbprint(ECKey key) {
		try {
			return key.computeThumbprint().toString();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("no thumbprint", ex);
		}
	}

	/** PKCS#8 with the public key inside the EC private key structure (RFC 5915). */
	private static String pem(ECKey key) {
		try {
			var x = key.getX().decode();
			var y = key.getY().decode();
			var point = new byte[1 + x.length + y.length];
			point[0] = 4;
			System.arraycopy(x, 0, point, 1, x.length);
			System.arraycopy(y, 0, point, 1 + x.length, y.length);
			var info = new PrivateKeyInfo(
					new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256r1),
					new org.bouncycastle.asn1.sec.ECPrivateKey(256, key.getD().decodeToBigInteger(),
							new DERBitString(point), null));
			var out = new StringWriter();
			try (var writer = new PemWriter(out)) {
				writer.writeObject(new PemObject("PRIVATE KEY", info.getEncoded()));
			}
			return out.toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
