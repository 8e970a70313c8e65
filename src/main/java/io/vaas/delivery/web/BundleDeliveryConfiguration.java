package io.vaas.delivery.web;

import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import io.vaas.session.AgentCredentials;
import io.vaas.shared.TrustedProxies;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Registers {@link BundleDeliveryFilter} right after the observation filter (which leaves
 * it to time itself as {@code http.server.requests}) and before Spring Security, through
 * a proxy so that the filter and what it needs are created with the other beans, not
 * while the web server starts. {@code vaas.agents.direct-delivery=false} sends the path
 * through the framework like any other: the registration is switched off when the server
 * starts (not by a condition, which the AOT-processed start would fix at build time).
 */
@Configuration(proxyBeanMethods = false)
class BundleDeliveryConfiguration {

	static final String FILTER = "bundleDeliveryFilter";

	@Bean(FILTER)
	BundleDeliveryFilter bundleDeliveryFilter(AgentCredentials credentials, BundleDelivery delivery,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptions, MeterRegistry meters,
			ObservationProperties observations) {
		return new BundleDeliveryFilter(credentials, delivery, exceptions, new DeliveryTimer(meters, observations));
	}

	/**
	 * The agents' port, listening only when {@code vaas.agents.port} is set (read at the
	 * start, as the direct path's switch), with the server's TLS when its port has TLS.
	 */
	@Bean
	AgentPort agentPort(AgentCredentials credentials, BundleDelivery delivery, MeterRegistry meters,
			ObservationProperties observations, JsonMapper json, TrustedProxies proxies, ApplicationContext context,
			ConfigurableEnvironment environment, ServerProperties server, SslBundles bundles,
			@Value("${server.address:}") String address, @Value("${vaas.agents.port:}") String port) {
		return new AgentPort(() -> new AgentPort.Services(credentials, delivery, new AdviceProblems(context),
				new DeliveryTimer(meters, observations), json, proxies.clients(), AgentPort.Services.virtualThreads(),
				AgentPort.Services.requests(meters, "at-once"), AgentPort.Services.requests(meters, "thread"),
				new EncodedReplies(), AgentPort.Services.safetyWheel(), AgentPortTls.of(server.getSsl(), bundles)),
				address.isBlank() ? null : address.strip(), port.isBlank() ? null : port(port),
				bound -> environment.getPropertySources()
					.addFirst(new MapPropertySource("agentsPort", Map.of("local.agents.port", bound))));
	}

	/** {@code vaas.agents.port}: a port number, {@code 0} for any free one. */
	static int port(String setting) {
		try {
			var port = Integer.parseInt(setting.strip());
			if (port >= 0 && port <= 65535) {
				return port;
			}
		}
		catch (NumberFormatException ex) {
			// told below
		}
		throw new IllegalArgumentException("vaas.agents.port: '" + setting + "' is not a port number (0-65535)");
	}

	/**
	 * The filter times what it answers ({@link DeliveryTimer}): no observation for it.
	 */
	@Bean
	ObservationPredicate directDeliveryObservations(@Value("${vaas.agents.direct-delivery:true}") boolean direct) {
		return DeliveryTimer.leavesDirectDeliveryAlone(direct);
	}

	@Bean
	DelegatingFilterProxyRegistrationBean bundleDeliveryFilterRegistration(
			@Value("${vaas.agents.direct-delivery:true}") boolean direct) {
		var registration = new DelegatingFilterProxyRegistrationBean(FILTER);
		registration.setEnabled(direct);
		registration.addUrlPatterns(BundleDelivery.PATH);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

}
