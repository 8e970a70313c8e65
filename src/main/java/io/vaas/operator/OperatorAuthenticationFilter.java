package io.vaas.operator;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <operator token>}. A request without the
 * header goes on anonymous (and meets a 401 where authentication is needed); a header
 * with an unknown, expired or revoked token is refused at once.
 */
class OperatorAuthenticationFilter extends OncePerRequestFilter {

	private static final String BEARER = "bearer ";

	private final OperatorTokenService tokens;

	private final AuthenticationEntryPoint entryPoint;

	OperatorAuthenticationFilter(OperatorTokenService tokens, AuthenticationEntryPoint entryPoint) {
		this.tokens = tokens;
		this.entryPoint = entryPoint;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null) {
			chain.doFilter(request, response);
			return;
		}
		var principal = header.regionMatches(true, 0, BEARER, 0, BEARER.length())
				? tokens.authenticate(header.substring(BEARER.length()).strip())
				: java.util.Optional.<OperatorPrincipal>empty();
		if (principal.isEmpty()) {
			SecurityContextHolder.clearContext();
			entryPoint.commence(request, response, new BadCredentialsException("invalid operator token"));
			return;
		}
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
