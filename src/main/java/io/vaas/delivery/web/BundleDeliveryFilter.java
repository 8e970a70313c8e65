package io.vaas.delivery.web;

import java.io.IOException;

import io.vaas.session.AgentCredentials;
import io.vaas.session.InvalidAccessToken;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Serves {@code GET /api/v1/agent/bundle} at the servlet level, ahead of Spring Security
 * and Spring MVC: the path every agent calls in a loop. It verifies the access token and
 * audits a refusal exactly as the agent security chain does ({@link AgentCredentials}),
 * writes the same security headers, and lets the MVC exception resolvers answer what
 * {@link BundleDelivery} throws, so the answers are those of {@link DeliveryController}.
 * Only the exact path is taken; anything else (another method, an encoded or
 * parameterised path) goes through the normal chain and its firewall.
 */
final class BundleDeliveryFilter extends OncePerRequestFilter {

	private final AgentCredentials credentials;

	private final BundleDelivery delivery;

	private final HandlerExceptionResolver exceptions;

	BundleDeliveryFilter(AgentCredentials credentials, BundleDelivery delivery, HandlerExceptionResolver exceptions) {
		this.credentials = credentials;
		this.delivery = delivery;
		this.exceptions = exceptions;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !("GET".equals(request.getMethod()) && BundleDelivery.PATH.equals(request.getRequestURI()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ServerHttpObservationFilter.findObservationContext(request)
			.ifPresent(context -> context.setPathPattern(BundleDelivery.PATH));
		// What Spring Security's header writer adds to every answer of the API.
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("X-XSS-Protection", "0");
		if (request.isSecure()) {
			response.setHeader("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");
		}
		try {
			var token = credentials.verify(request);
			delivery.deliver(token, request, response);
		}
		catch (InvalidAccessToken ex) {
			credentials.refuse(request, response, ex.getMessage());
		}
		catch (RuntimeException | ServletException ex) {
			if (response.isCommitted()) {
				throw ex;
			}
			// What the security chain's cache-control writer adds to an error answer.
			response.setHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
			response.setHeader("Pragma", "no-cache");
			response.setHeader("Expires", "0");
			if (exceptions.resolveException(request, response, null, ex) == null) {
				throw ex;
			}
		}
	}

}
