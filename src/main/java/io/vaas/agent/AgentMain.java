package io.vaas.agent;

/** Entry point of vaas-agent. */
public final class AgentMain {

	private AgentMain() {
	}

	public static void main(String[] args) {
		var agent = new Agent(System.out, System.err, System.getenv());
		System.exit(agent.run(args));
	}

}
