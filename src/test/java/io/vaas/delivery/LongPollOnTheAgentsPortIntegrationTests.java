package io.vaas.delivery;

import io.vaas.support.Api;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/** The same long-polls, waiting on the agents' port ({@code vaas.agents.port}). */
@TestPropertySource(properties = "vaas.agents.port=0")
class LongPollOnTheAgentsPortIntegrationTests extends LongPollIntegrationTests {

	@Value("${local.agents.port}")
	int agentsPort;

	@Override
	Api api() {
		return new Api(port).withAgentsPort(agentsPort);
	}

}
