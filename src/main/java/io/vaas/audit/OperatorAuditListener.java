package io.vaas.audit;

import io.vaas.operator.OperatorEvents;
import io.vaas.shared.Actor;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records what the operator module announces. Token changes join the transaction that
 * made them; refusals are committed on their own, because the refused request's
 * transaction rolls back.
 */
@Component
class OperatorAuditListener {

	static final Actor ANONYMOUS = new Actor("-", "anonymous");

	private final AuditLog log;

	OperatorAuditListener(AuditLog log) {
		this.log = log;
	}

	@EventListener
	void on(OperatorEvents.AccessDenied event) {
		log.recordIndependently(new AuditEntry(event.actor(), "access.denied", event.namespace(), null, null,
				Outcome.DENIED, event.detail()));
	}

	@EventListener
	void on(OperatorEvents.AuthenticationRefused event) {
		// Anyone can send these at any rate: appended in batches, off the request.
		log.recordSoon(new AuditEntry(ANONYMOUS, "authentication.refused", null, null, null, Outcome.UNAUTHENTICATED,
				event.detail()));
	}

	@EventListener
	void on(OperatorEvents.TokenCreated event) {
		log.record(AuditEntry.success(event.by(), "token.create", null, event.name() + " (" + event.tokenId() + ")",
				null));
	}

	@EventListener
	void on(OperatorEvents.TokenRevoked event) {
		log.record(AuditEntry.success(event.by(), "token.revoke", null, event.name() + " (" + event.tokenId() + ")",
				null));
	}

}
