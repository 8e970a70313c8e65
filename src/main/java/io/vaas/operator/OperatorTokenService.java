package io.vaas.operator;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.vaas.shared.NamespaceName;
import io.vaas.shared.Tokens;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, lists, revokes and authenticates operator tokens. A token may only be granted
 * by someone who administers every namespace it covers; {@code *} needs the superuser.
 */
@Service
public class OperatorTokenService {

	/** Prefix of every generated operator token. */
	public static final String PREFIX = "vaas_op_";

	static final int MAX_NAME_LENGTH = 100;

	private final OperatorTokens tokens;

	private final Access access;

	private final Clock clock;

	OperatorTokenService(OperatorTokens tokens, Access access, Clock clock) {
		this.tokens = tokens;
		this.access = access;
		this.clock = clock;
	}

	/**
	 * The operator a bearer value stands for, if it is an active token. Looks the token
	 * up by its SHA-256 hash and compares the stored hash in constant time.
	 */
	@Transactional(readOnly = true)
	public Optional<OperatorPrincipal> authenticate(String bearer) {
		if (bearer.startsWith(PREFIX) && !Tokens.isWellFormed(PREFIX, bearer)) {
			return Optional.empty();
		}
		var hash = Tokens.hash(bearer);
		var now = clock.instant();
		return tokens.findByTokenHash(hash)
			.filter(token -> Tokens.sameHash(hash, token.tokenHash()))
			.filter(token -> token.isActiveAt(now))
			.map(OperatorToken::principal);
	}

	@Transactional
	public IssuedToken create(String name, List<Grant> grants, @Nullable Instant expiresAt) {
		var caller = access.current();
		var trimmed = name.strip();
		if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH
				|| trimmed.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidTokenRequest("name must be 1 to " + MAX_NAME_LENGTH + " printable characters");
		}
		if (grants.isEmpty()) {
			throw new InvalidTokenRequest("roles must name at least one role");
		}
		var now = clock.instant();
		if (expiresAt != null && !expiresAt.isAfter(now)) {
			throw new InvalidTokenRequest("expiresAt must be in the future");
		}
		grants.forEach(grant -> requireMayGrant(caller, grant));
		if (tokens.existsByNameAndRevokedAtIsNull(trimmed)) {
			throw new TokenNameTaken(trimmed);
		}
		var value = Tokens.generate(PREFIX);
		var token = tokens
			.save(new OperatorToken(trimmed, Tokens.hash(value), false, grants, now, caller.name(), expiresAt));
		return new IssuedToken(value, TokenView.of(token, now));
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
		token.revoke(now);
		return TokenView.of(token, now);
	}

	private static void requireMayGrant(OperatorPrincipal caller, Grant grant) {
		if (Grant.EVERYWHERE.equals(grant.namespace())) {
			if (!caller.isSuperuser()) {
				throw new AccessRefused("Only an admin on '*' may grant roles on '*'");
			}
		}
		else if (!caller.can(NamespaceName.of(grant.namespace()), Permission.ADMIN)) {
			throw new AccessRefused(
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
