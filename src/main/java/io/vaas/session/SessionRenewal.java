package io.vaas.session;

import java.time.Clock;

import io.vaas.audit.AuditEntry;
import io.vaas.audit.AuditLog;
import io.vaas.audit.Outcome;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code POST /api/v1/auth/renew}: a fresh access token for the same session, until the
 * session's maximum lifetime; a revoked or ended session is refused and audited.
 */
@Service
public class SessionRenewal {

	private final AgentSessions sessions;

	private final AccessTokenIssuer tokens;

	private final AuditLog audit;

	private final TransactionTemplate transactions;

	private final Clock clock;

	SessionRenewal(AgentSessions sessions, AccessTokenIssuer tokens, AuditLog audit, TransactionTemplate transactions,
			Clock clock) {
		this.sessions = sessions;
		this.tokens = tokens;
		this.audit = audit;
		this.transactions = transactions;
		this.clock = clock;
	}

	public Exchange renew(VerifiedToken token, String address) {
		return transactions.execute(status -> {
			var now = clock.instant();
			var session = sessions.findById(token.sessionId()).filter(found -> found.activeAt(now));
			if (session.isEmpty()) {
				audit.record(new AuditEntry(SessionService.ANONYMOUS, "session.renew", token.namespace(),
						token.sessionId().toString(), null, Outcome.FAILED,
						"session revoked or past its maximum lifetime"));
				return (Exchange) new Exchange.Refused("invalid_grant", "the session can no longer be renewed");
			}
			var found = session.get();
			found.seen(now, address);
			var issued = tokens.issue(found.id(), found.namespace(), found.bundleName(), found.areaList(),
					found.maxExpiresAt());
			audit.record(AuditEntry.success(SessionService.agent(found.id()), "session.renew", found.namespace(),
					found.id().toString(), null));
			return new Exchange.Issued(issued.token(), issued.expiresIn(), found.id());
		});
	}

}
