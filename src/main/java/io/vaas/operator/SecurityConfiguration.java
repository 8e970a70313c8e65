package io.vaas.operator;

import io.vaas.shared.FailureThrottle;
import io.vaas.shared.Problems;
import jakarta.servlet.DispatcherType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Stateless bearer-token security. Public: health probes, Prometheus, the OpenAPI
 * document and Swagger UI, and the error dispatch. Everything else needs an operator
 * token; what a token may do is decided per endpoint by {@link Access}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String[] PUBLIC_PATHS = { "/error", "/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs",
			"/v3/api-docs/**", "/v3/api-docs.yaml", "/actuator/health", "/actuator/health/**", "/actuator/prometheus",
			"/actuator/info" };

	@Bean
	@org.springframework.core.annotation.Order(org.springframework.core.Ordered.LOWEST_PRECEDENCE)
	SecurityFilterChain api(HttpSecurity http, OperatorTokenService tokens, JsonMapper json,
			ApplicationEventPublisher events, FailureThrottle throttle) throws Exception {
		AuthenticationEntryPoint entryPoint = (request, response, ex) -> {
			if (ex instanceof OperatorAuthenticationFilter.TooManyFailures tooMany) {
				var seconds = FailureThrottle.retryAfterSeconds(tooMany.retryAfter());
				events.publishEvent(new OperatorEvents.AuthenticationRefused(
						"unknown, expired or revoked token; throttled for " + seconds + " s"));
				response.setHeader("Retry-After", Long.toString(seconds));
				Problems.write(request, response, json,
						Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-failures", "Too many failed attempts",
								"Too many failed attempts from this client or with this token; retry after " + seconds
										+ " s. A valid token is always accepted."));
				return;
			}
			var invalid = ex instanceof BadCredentialsException;
			events.publishEvent(new OperatorEvents.AuthenticationRefused(
					invalid ? "unknown, expired or revoked token" : "no token"));
			response.setHeader("WWW-Authenticate", invalid ? "Bearer error=\"invalid_token\"" : "Bearer");
			Problems.write(request, response, json,
					Problems.of(HttpStatus.UNAUTHORIZED, invalid ? "invalid-token" : "unauthorized", "Unauthorized",
							invalid ? "The bearer token is unknown, expired or revoked"
									: "This endpoint needs 'Authorization: Bearer <token>'"));
		};
		AccessDeniedHandler denied = (request, response, ex) -> {
			var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext()
				.getAuthentication();
			if (authentication != null && authentication.getPrincipal() instanceof OperatorPrincipal principal) {
				events.publishEvent(new OperatorEvents.AccessDenied(principal.actor(), null, "path not allowed"));
			}
			Problems.write(request, response, json,
					Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "This token may not do this"));
		};
		return http.csrf(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				.requestMatchers(PUBLIC_PATHS)
				.permitAll()
				.anyRequest()
				.authenticated())
			.addFilterBefore(new OperatorAuthenticationFilter(tokens, entryPoint, throttle),
					AnonymousAuthenticationFilter.class)
			.exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
			.build();
	}

	/**
	 * There are no user names or passwords: this keeps Boot from generating a default
	 * user.
	 */
	@Bean
	AuthenticationManager noPasswordLogin() {
		return authentication -> {
			throw new BadCredentialsException("operator tokens are the only credentials");
		};
	}

}
