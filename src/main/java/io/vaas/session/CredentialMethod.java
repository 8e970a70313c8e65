package io.vaas.session;

/**
 * One way for an agent to get a session at {@code POST /api/v1/auth/token}: a seed token,
 * an identity token or a key assertion (docs/adr/0001). {@link TokenExchange} finds the
 * one method that accepts a request, throttles its failures, turns a grant into a session
 * and audits the outcome; a method only says what it accepts and whether a credential is
 * good.
 */
public interface CredentialMethod {

	/**
	 * Whether this method handles the request (by its grant type and token type); no two
	 * methods accept the same request.
	 */
	boolean accepts(TokenRequest request);

	/**
	 * The audit action of its exchanges ({@code seed.exchange},
	 * {@code identity.exchange}, …).
	 */
	String action();

	/**
	 * The key under which failures with this credential are counted: a hash of what was
	 * presented, never the value (see
	 * {@link io.vaas.shared.FailureThrottle#credentialKey}).
	 */
	String credentialKey(TokenRequest request);

	/**
	 * Verifies the credential: a grant for one bundle, or a refusal whose reason is
	 * audited and never shown to the caller. Inside the exchange's transaction when
	 * {@link #verifiesInTransaction()}, else before it.
	 */
	Verification verify(TokenRequest request);

	/**
	 * Whether {@link #verify} must run in the transaction that makes the session (a seed
	 * used up, a row locked); a method that calls out over the network (an issuer's keys)
	 * verifies first, holding no database connection meanwhile.
	 */
	boolean verifiesInTransaction();

}
