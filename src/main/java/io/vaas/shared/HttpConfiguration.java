package io.vaas.shared;

import java.time.Instant;

import org.apache.catalina.core.StandardHost;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class HttpConfiguration {

	@Bean
	FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(HttpLimits limits, JsonMapper json) {
		var registration = new FilterRegistrationBean<>(new RequestSizeLimitFilter(limits, json));
		// Before Spring Security (-100), so an oversized body is refused before anything
		// reads it.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Bean
	FilterRegistrationBean<AmbiguousRequestFilter> ambiguousRequestFilter(JsonMapper json) {
		var registration = new FilterRegistrationBean<>(new AmbiguousRequestFilter(json));
		// First of all: GET /api/v1/agent/bundle is answered by a filter of its own
		// (HIGHEST_PRECEDENCE + 2), ahead of Spring Security and MVC.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/**
	 * The client's address for everything after it, honouring forwarding headers only
	 * from trusted proxies; runs before the agent bundle filter (+2) and Spring Security.
	 */
	@Bean
	FilterRegistrationBean<ClientAddressFilter> clientAddressFilter(TrustedProxies proxies) {
		var registration = new FilterRegistrationBean<>(new ClientAddressFilter(proxies));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	/**
	 * Around Spring Security (-100) and MVC: a filter's failure for want of the database
	 * is answered here.
	 */
	@Bean
	FilterRegistrationBean<DatabaseOutageFilter> databaseOutageFilter(JsonMapper json) {
		var registration = new FilterRegistrationBean<>(new DatabaseOutageFilter(json));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
		return registration;
	}

	/**
	 * Timestamps in query parameters ({@code /audit?since=}) as ISO-8601 text within
	 * {@link TimeRanges}, like those in bodies; anything else is a 400 naming the
	 * parameter.
	 */
	@Bean
	WebMvcConfigurer boundedTimestampParameters() {
		return new WebMvcConfigurer() {
			@Override
			public void addFormatters(FormatterRegistry registry) {
				registry.addConverter(String.class, Instant.class, HttpConfiguration::instant);
			}
		};
	}

	private static @Nullable Instant instant(String text) {
		if (text.isBlank()) {
			return null;
		}
		var instant = Instant.parse(text.strip());
		if (!TimeRanges.accepts(instant)) {
			throw new IllegalArgumentException("timestamp out of range");
		}
		return instant;
	}

	/**
	 * Smaller response buffers for every request ({@link LeanResponseBuffersProtocol}).
	 */
	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> leanResponseBuffers() {
		return factory -> factory.setProtocol(LeanResponseBuffersProtocol.class.getName());
	}

	/** Tomcat's own error answers as problems ({@link ProblemErrorReportValve}). */
	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
		return factory -> factory.addContextCustomizers(context -> {
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
			}
		});
	}

}
