package io.vaas.session;

import java.time.Clock;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Revokes sessions inside the caller's transaction and announces each one
 * ({@link SessionRevoked}), so this replica refuses it at commit and the others through
 * {@code NOTIFY}.
 */
@Component
class Revocations {

	private final ApplicationEventPublisher events;

	private final RevokedSessions revoked;

	private final Clock clock;

	Revocations(ApplicationEventPublisher events, RevokedSessions revoked, Clock clock) {
		this.events = events;
		this.revoked = revoked;
		this.clock = clock;
	}

	/** Whether the session was active until now. */
	boolean revoke(AgentSession session) {
		if (!session.revoke(clock.instant())) {
			return false;
		}
		events.publishEvent(new SessionRevoked(session.namespace(), session.id(), session.maxExpiresAt()));
		return true;
	}

	/**
	 * At commit, first of all listeners: whoever else reacts (waking the session's
	 * long-polls) finds it refused.
	 */
	@TransactionalEventListener(fallbackExecution = true)
	@Order(0)
	void revokedHere(SessionRevoked revocation) {
		revoked.add(revocation.session(), revocation.maxExpiresAt());
	}

}
