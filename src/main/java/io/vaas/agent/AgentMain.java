package io.vaas.agent;

/** Entry point of vaas-agent. */
public final class AgentMain {

	private AgentMain() {
	}

	public static void main(String[] args) {
		// A POST that failed on a kept-alive connection is not sent again behind the
		// agent's back: a single-use seed would be redeemed twice. The agent's own retry
		// (watch) starts over from the seed or the session.
		System.setProperty("sun.net.http.retryPost", "false");
		var agent = new Agent(System.out, System.err, System.getenv());
		System.exit(agent.run(args));
	}

}
