package io.vaas.session;

import java.io.IOException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security for agents: {@code /api/v1/auth/token} and the JWKS are public; everything
 * else under {@code /api/v1/auth} and {@code /api/v1/agent} needs an access token. An
 * operator token is not an access token (and an access token is no operator token).
 */
@Configuration(proxyBeanMethods = false)
class AgentSecurityConfiguration {

	@Bean
	@Order(1)
	SecurityFilterChain agents(HttpSecurity http, AgentCredentials credentials) throws Exception {
		return http.securityMatcher("/api/v1/auth/**", "/api/v1/agent/**", "/.well-known/**")
			.csrf(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				.requestMatchers("/api/v1/auth/token", "/.well-known/jwks.json")
				.permitAll()
				.anyRequest()
				.authenticated())
			.addFilterBefore(new AgentTokenFilter(credentials), AnonymousAuthenticationFilter.class)
			.exceptionHandling(handling -> handling.authenticationEntryPoint(
					(request, response, ex) -> credentials.refuse(request, response, "no access token")))
			.build();
	}

	/** Verifies {@code Authorization: Bearer <access token>} where one is sent. */
	static final class AgentTokenFilter extends OncePerRequestFilter {

		private final AgentCredentials credentials;

		AgentTokenFilter(AgentCredentials credentials) {
			this.credentials = credentials;
		}

		@Override
		protected boolean shouldNotFilter(HttpServletRequest request) {
			var path = request.getRequestURI();
			return path.equals("/api/v1/auth/token") || path.startsWith("/.well-known/");
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
				chain.doFilter(request, response);
				return;
			}
			VerifiedToken verified;
			try {
				verified = credentials.verify(request);
			}
			catch (InvalidAccessToken ex) {
				SecurityContextHolder.clearContext();
				credentials.refuse(request, response, ex.getMessage());
				return;
			}
			var context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(new AgentAuthentication(verified));
			SecurityContextHolder.setContext(context);
			try {
				chain.doFilter(request, response);
			}
			finally {
				SecurityContextHolder.clearContext();
			}
		}

	}

	static final class AgentAuthentication extends AbstractAuthenticationToken {

		private final VerifiedToken token;

		AgentAuthentication(VerifiedToken token) {
			super(AuthorityUtils.createAuthorityList("ROLE_AGENT"));
			this.token = token;
			setAuthenticated(true);
		}

		@Override
		public Object getCredentials() {
			return "";
		}

		@Override
		public VerifiedToken getPrincipal() {
			return token;
		}

	}

}
