package io.vaas.operator;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.vaas.shared.NamespaceName;
import io.vaas.shared.Texts;
import io.vaas.shared.Tokens;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates, lists, revokes and authenticates operator tokens. A token may only be granted
 * by someone who administers every namespace it covers; {@code *} needs the superuser.
 */
@Service
public class OperatorTokenService {

	/** Prefix of every generated operator token. */
	public static final String PREFIX = "vaas_op_";

	static final int MAX_NAME_LENGTH = 100;

	static final int MAX_GRANTS = 100;

	private final OperatorTokens tokens;

	private final Access access;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	OperatorTokenService(OperatorTokens tokens, Access access, ApplicationEventPublisher events,
			TransactionTemplate transactions, Clock clock) {
		this.transactions = transactions;
		this.tokens = tokens;
		this.access = access;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The operator a bearer value stands for, if it is an active token. Looks the token
	 * up by its SHA-256 hash and compares the stored hash in constant time.
	 */
	@Transactional(readOnly = true)
	public Optional<OperatorPrincipal> authenticate(String bearer) {
		var hash = Tokens.hash(bearer);
		var now = clock.instant();
		return tokens.findByTokenHash(hash)
			.filter(token -> Tokens.sameHash(hash, token.tokenHash()))
			.filter(token -> token.isActiveAt(now))
			.map(OperatorToken::principal);
	}

	public IssuedToken create(String name, List<Grant> grants, @Nullable Instant expiresAt) {
		var caller = access.current();
		var trimmed = name.strip();
		if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH || trimmed.chars().anyMatch(Character::isISOControl)
				|| !Texts.isWellFormed(trimmed)) {
			throw new InvalidTokenRequest("name must be 1 to " + MAX_NAME_LENGTH + " printable characters");
		}
		if (grants.isEmpty() || grants.size() > MAX_GRANTS) {
			throw new InvalidTokenRequest("roles must name 1 to " + MAX_GRANTS + " roles");
		}
		if (grants.stream().distinct().count() < grants.size()) {
			throw new InvalidTokenRequest("roles lists the same role in the same namespace twice");
		}
		var now = clock.instant();
		if (expiresAt != null && !expiresAt.isAfter(now)) {
			throw new InvalidTokenRequest("expiresAt must be in the future");
		}
		grants.forEach(grant -> requireMayGrant(caller, grant));
		var value = Tokens.generate(PREFIX);
		return transactions.execute(status -> {
			if (tokens.existsActiveNamed(trimmed, now)) {
				throw new TokenNameTaken(trimmed);
			}
			var token = tokens
				.save(new OperatorToken(trimmed, Tokens.hash(value), false, grants, now, caller.name(), expiresAt));
			events.publishEvent(new OperatorEvents.TokenCreated(caller.actor(), token.id(), token.name()));
			return new IssuedToken(value, TokenView.of(token, now));
		});
	}

	@Transactional(readOnly = true)
	public List<TokenView> list() {
		var caller = access.current();
		var now = clock.instant();
		return tokens.findAllByOrderByCreatedAt()
			.stream()
			.filter(token -> mayManage(caller, token))
			.map(token -> TokenView.of(token, now))
			.toList();
	}

	@Transactional
	public TokenView revoke(UUID id) {
		var caller = access.current();
		var token = tokens.findById(id)
			.filter(candidate -> mayManage(caller, candidate))
			.orElseThrow(() -> new TokenNotFound(id));
		var now = clock.instant();
		if (token.revokedAt() == null) {
			token.revoke(now);
			events.publishEvent(new OperatorEvents.TokenRevoked(caller.actor(), token.id(), token.name()));
		}
		return TokenView.of(token, now);
	}

	private void requireMayGrant(OperatorPrincipal caller, Grant grant) {
		if (Grant.EVERYWHERE.equals(grant.namespace())) {
			if (!caller.isSuperuser()) {
				throw access.refuse(caller, null, "Only an admin on '*' may grant roles on '*'");
			}
		}
		else if (!caller.can(NamespaceName.of(grant.namespace()), Permission.ADMIN)) {
			throw access.refuse(caller, grant.namespace(),
					"Granting a role on namespace '" + grant.namespace() + "' needs the admin role there");
		}
	}

	private static boolean mayManage(OperatorPrincipal caller, OperatorToken token) {
		if (caller.isSuperuser() || caller.tokenId().equals(token.id())) {
			return true;
		}
		var grants = token.grants();
		return grants.stream()
			.allMatch(grant -> !Grant.EVERYWHERE.equals(grant.namespace())
					&& caller.can(NamespaceName.of(grant.namespace()), Permission.ADMIN));
	}

}
