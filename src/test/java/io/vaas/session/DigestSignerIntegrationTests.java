package io.vaas.session;

import java.util.Map;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bundle's signature is given back when the same bundle, revision and digest are signed
 * again with the current key, and made anew — valid, with its own claims — when any of
 * them differs or the previous one is not a signature of this signer's.
 */
@PostgresIntegrationTest
class DigestSignerIntegrationTests {

	static final String DIGEST = "sha256:" + "a".repeat(64);

	@LocalServerPort
	int port;

	@Autowired
	DigestSigner signer;

	@Test
	void keepsThePreviousSignatureOfTheSameBundleRevisionAndDigest() throws Exception {
		var first = signer.sign("ns/app", 3, DIGEST);
		assertThat(signer.sign("ns/app", 3, DIGEST, first)).isSameAs(first);
		assertVerified(first, "ns/app", 3, DIGEST);
	}

	@Test
	void signsAgainWhenTheBundleRevisionOrDigestDiffers() throws Exception {
		var first = signer.sign("ns/app", 3, DIGEST);
		var otherDigest = "sha256:" + "b".repeat(64);
		assertVerified(signer.sign("ns/app", 3, otherDigest, first), "ns/app", 3, otherDigest);
		assertVerified(signer.sign("ns/app", 4, DIGEST, first), "ns/app", 4, DIGEST);
		assertVerified(signer.sign("ns/web", 3, DIGEST, first), "ns/web", 3, DIGEST);
	}

	@Test
	void signsAgainWhenThePreviousIsNotOneOfItsSignatures() throws Exception {
		assertVerified(signer.sign("ns/app", 3, DIGEST, "not a signature"), "ns/app", 3, DIGEST);
		assertVerified(signer.sign("ns/app", 3, DIGEST, ""), "ns/app", 3, DIGEST);
		var notJson = new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload("[1, 2"));
		var key = new ECKeyGenerator(Curve.P_256).keyID("elsewhere").generate();
		notJson.sign(new ECDSASigner(key));
		assertVerified(signer.sign("ns/app", 3, DIGEST, notJson.serialize()), "ns/app", 3, DIGEST);
		// The same claims under another key id: not this signer's current key.
		var foreign = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("elsewhere")
			.type(new JOSEObjectType("vaas-bundle+jws"))
			.build(), new Payload(Map.<String, Object>of("bundle", "ns/app", "revision", 3, "digest", DIGEST)));
		foreign.sign(new ECDSASigner(key));
		var signed = signer.sign("ns/app", 3, DIGEST, foreign.serialize());
		assertThat(signed).isNotEqualTo(foreign.serialize());
		assertVerified(signed, "ns/app", 3, DIGEST);
	}

	private void assertVerified(String signature, String bundle, long revision, String digest) throws Exception {
		var jws = JWSObject.parse(signature);
		var jwks = JWKSet.parse(new Api(port).call("GET", "/.well-known/jwks.json").send().body());
		var published = jwks.getKeyByKeyId(jws.getHeader().getKeyID());
		assertThat(published).as("the signing key is published").isNotNull();
		assertThat(jws.verify(new ECDSAVerifier(published.toECKey()))).isTrue();
		assertThat(jws.getHeader().getType()).isEqualTo(new JOSEObjectType("vaas-bundle+jws"));
		assertThat(jws.getPayload().toJSONObject()).containsEntry("bundle", bundle)
			.containsEntry("revision", revision)
			.containsEntry("digest", digest);
	}

}
