package io.vaas.session;

import java.util.Objects;

import io.vaas.seed.KeyAssertions;
import io.vaas.seed.Redemption;
import io.vaas.shared.FailureThrottle;

import org.springframework.stereotype.Component;

/**
 * A key seed's assertion (RFC 7523 {@code jwt-bearer} grant, SPEC 7.2), checked by the
 * seed module ({@link KeyAssertions}) against the token endpoint's public URL. Failures
 * are counted per key seed (the unverified {@code iss}): a valid assertion is exchanged
 * even so.
 */
@Component
class KeyAssertionCredential implements CredentialMethod {

	private final KeyAssertions assertions;

	KeyAssertionCredential(KeyAssertions assertions) {
		this.assertions = assertions;
	}

	@Override
	public boolean accepts(TokenRequest request) {
		return TokenExchange.JWT_BEARER.equals(request.grantType()) && !request.assertionText().isEmpty()
				&& request.endpoint() != null;
	}

	@Override
	public boolean verifiesInTransaction() {
		return true;
	}

	@Override
	public String action() {
		return "key.exchange";
	}

	@Override
	public String credentialKey(TokenRequest request) {
		String keyId = null;
		try {
			keyId = com.nimbusds.jwt.SignedJWT.parse(request.assertionText()).getJWTClaimsSet().getIssuer();
		}
		catch (java.text.ParseException ex) {
			// counted under the assertion itself
		}
		return keyId == null ? FailureThrottle.credentialKey("assertion", request.assertionText())
				: FailureThrottle.credentialKey("key", keyId);
	}

	@Override
	public Verification verify(TokenRequest request) {
		return switch (assertions.redeem(request.assertionText(), Objects.requireNonNull(request.endpoint()))) {
			case Redemption.Accepted accepted -> {
				var grant = accepted.grant();
				yield new Verification.Granted(Origin.key(grant.seedId(), Objects.requireNonNull(grant.keyId())),
						grant.namespace(), grant.bundleId(), grant.bundleName(), grant.areas(),
						grant.maxSessionLifetime());
			}
			case Redemption.Refused refused -> new Verification.Refused(refused.reason(), refused.namespace());
			case Redemption.Replayed replayed -> new Verification.Refused("replayed", replayed.namespace());
		};
	}

}
