package io.vaas.operator;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.vaas.shared.FailureThrottle;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <operator token>}. A request without the
 * header goes on anonymous (and meets a 401 where authentication is needed); a header
 * with an unknown, expired or revoked token is refused at once — with 401, or with 429
 * and {@code Retry-After} once its client or that token has failed too often
 * ({@link FailureThrottle}); a valid token is never throttled.
 */
class OperatorAuthenticationFilter extends OncePerRequestFilter {

	private static final String BEARER = "bearer ";

	private final OperatorTokenService tokens;

	private final AuthenticationEntryPoint entryPoint;

	private final FailureThrottle throttle;

	OperatorAuthenticationFilter(OperatorTokenService tokens, AuthenticationEntryPoint entryPoint,
			FailureThrottle throttle) {
		this.tokens = tokens;
		this.entryPoint = entryPoint;
		this.throttle = throttle;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null) {
			chain.doFilter(request, response);
			return;
		}
		var bearer = header.regionMatches(true, 0, BEARER, 0, BEARER.length())
				? header.substring(BEARER.length()).strip() : header;
		var credential = FailureThrottle.credentialKey("operator", bearer);
		var principal = bearer.length() < header.length() ? tokens.authenticate(bearer)
				: java.util.Optional.<OperatorPrincipal>empty();
		if (principal.isEmpty()) {
			SecurityContextHolder.clearContext();
			var wait = throttle.failed(request.getRemoteAddr(), credential);
			entryPoint.commence(request, response, wait.<AuthenticationException>map(TooManyFailures::new)
				.orElseGet(() -> new BadCredentialsException("invalid operator token")));
			return;
		}
		throttle.succeeded(credential);
		var context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(new OperatorAuthentication(principal.get()));
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	/** A bad token from a client, or a token, that has failed too often. */
	static final class TooManyFailures extends AuthenticationException {

		private final transient java.time.Duration retryAfter;

		TooManyFailures(java.time.Duration retryAfter) {
			super("too many failed attempts");
			this.retryAfter = retryAfter;
		}

		java.time.Duration retryAfter() {
			return retryAfter;
		}

	}

	static final class OperatorAuthentication extends AbstractAuthenticationToken {

		private final OperatorPrincipal principal;

		OperatorAuthentication(OperatorPrincipal principal) {
			super(AuthorityUtils.createAuthorityList("ROLE_OPERATOR"));
			this.principal = principal;
			setAuthenticated(true);
		}

		@Override
		public Object getCredentials() {
			return "";
		}

		@Override
		public OperatorPrincipal getPrincipal() {
			return principal;
		}

		@Override
		public String getName() {
			return principal.name();
		}

	}

}
