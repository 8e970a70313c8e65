package io.vaas.session;

import java.time.Clock;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Whether a session still stands, as the module's callers may ask it: at the moment of
 * answering an agent, and when another replica announces a revocation. Not proxied (its
 * one read takes its transaction itself): every answer to an agent asks it.
 */
@Component
public class ActiveSessions {

	private final RevokedSessions revoked;

	private final AgentSessions sessions;

	private final Clock clock;

	private final TransactionTemplate readOnly;

	ActiveSessions(RevokedSessions revoked, AgentSessions sessions, Clock clock, TransactionTemplate transactions) {
		this.revoked = revoked;
		this.sessions = sessions;
		this.clock = clock;
		this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
		this.readOnly.setReadOnly(true);
	}

	/**
	 * Which of the sessions stand now, as the database says: not revoked, not past their
	 * maximum lifetime, not gone.
	 */
	public Set<UUID> activeAmong(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return Set.of();
		}
		return readOnly.execute(status -> Set.copyOf(sessions.activeAmong(ids, clock.instant())));
	}

	/**
	 * Refuses a revoked session at the moment of answering: with data rendered at
	 * {@code renderedAt} (a {@link System#nanoTime()}), only once this replica has read
	 * the revocations committed before that moment.
	 * @throws InvalidAccessToken when the session is revoked
	 */
	public void requireActive(VerifiedToken token, @Nullable Long renderedAt) {
		if (renderedAt != null) {
			revoked.ensureReadSince(renderedAt);
		}
		if (revoked.isRevoked(token.sessionId())) {
			throw new InvalidAccessToken("session revoked");
		}
	}

	/**
	 * Whether the session stands, as {@link #requireActive} would find, when that can be
	 * told without waiting: {@code false} also when the revocations committed before
	 * {@code renderedAt} have not been read yet.
	 */
	public boolean activeAtOnce(VerifiedToken token, @Nullable Long renderedAt) {
		return (renderedAt == null || revoked.readSince(renderedAt)) && !revoked.isRevoked(token.sessionId());
	}

	/** A revocation another replica announced ({@code NOTIFY}): refused here at once. */
	public void revokedElsewhere(SessionRevoked revocation) {
		revoked.add(revocation.session(), revocation.maxExpiresAt());
	}

}
