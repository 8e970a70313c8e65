package io.vaas.shared;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 503 {@code database-unavailable} for a request that a filter behind it (the
 * operator authentication looks tokens up in the database) could not serve because the
 * database is out of reach, as the MVC advice does for what controllers throw. Otherwise
 * the failure leaves the filter chain and is answered by the error page all the same, but
 * the servlet container logs every such request as an error with its stack trace, for as
 * long as the database is away; here the outage is logged at most every few seconds
 * ({@link DatabaseFailures#log}).
 */
final class DatabaseOutageFilter extends OncePerRequestFilter {

	private final JsonMapper json;

	DatabaseOutageFilter(JsonMapper json) {
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (RuntimeException ex) {
			if (response.isCommitted() || request.isAsyncStarted() || !DatabaseFailures.isUnavailable(ex)) {
				throw ex;
			}
			DatabaseFailures.log(ex);
			response.resetBuffer();
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(DatabaseFailures.RETRY_AFTER.toSeconds()));
			Problems.write(request, response, json, DatabaseFailures.problem());
		}
	}

}
