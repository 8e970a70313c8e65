package io.vaas.delivery.web;

import io.netty.util.Timer;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Agents' ports of a test's own on 127.0.0.1, served as the context's port is (its
 * credentials, delivery and answers): what other tests leave on the shared port does not
 * count in them, and one may have TLS that the context's has not.
 */
final class OwnAgentPorts {

	private OwnAgentPorts() {
	}

	/** Started on a free port; stop it when done. */
	static AgentPort start(AgentPort context, @Nullable AgentPortTls tls) {
		return start(context, tls, AgentPort.Services.safetyWheel());
	}

	/** The same, with waiting polls' safety timeouts on the timer given. */
	static AgentPort start(AgentPort context, @Nullable AgentPortTls tls, Timer safeties) {
		var shared = context.served();
		assertThat(shared).as("the context's agents' port started").isNotNull();
		var own = new AgentPort(() -> new AgentPort.Services(shared.credentials(), shared.delivery(), shared.problems(),
				shared.timer(), shared.json(), shared.clients(), AgentPort.Services.virtualThreads(), shared.atOnce(),
				shared.onThreads(), shared.encoded(), safeties, tls), "127.0.0.1", 0, bound -> {
				});
		own.start();
		return own;
	}

}
