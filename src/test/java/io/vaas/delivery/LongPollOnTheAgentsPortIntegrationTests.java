package io.vaas.delivery;

import io.vaas.support.Api;

import org.springframework.beans.factory.annotation.Value;

/** The same long-polls, waiting on the agents' port ({@code vaas.agents.port}). */
class LongPollOnTheAgentsPortIntegrationTests extends LongPollIntegrationTests {

	@Value("${local.agents.port}")
	int agentsPort;

	@Override
	Api api() {
		return new Api(port).withAgentsPort(agentsPort);
	}

}
