package io.vaas.session;

import java.time.Clock;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Revokes sessions inside the caller's transaction and announces each one
 * ({@link SessionRevoked}), so this replica refuses it at commit and the others through
 * {@code NOTIFY}.
 */
@Component
class Revocations {

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Revocations(ApplicationEventPublisher events, Clock clock) {
		this.events = events;
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

}
