package io.vaas.bundle;

import io.vaas.support.Api;

import org.springframework.beans.factory.annotation.Value;

/**
 * The same delivery tests with {@code GET /api/v1/agent/bundle} called on the agents'
 * port ({@code vaas.agents.port}, Netty), everything else on the server's port: the
 * answers must be the same.
 */
class BundleDeliveryOnTheAgentsPortIntegrationTests extends BundleDeliveryIntegrationTests {

	@Value("${local.agents.port}")
	int agentsPort;

	@Override
	Api api() {
		return new Api(port).withAgentsPort(agentsPort);
	}

	@Override
	boolean onAgentsPort() {
		return true;
	}

}
