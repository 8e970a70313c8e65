package io.vaas.agent;

/**
 * A failure with the exit code it ends the agent with; the message never holds a token or
 * a value.
 */
final class AgentFailure extends RuntimeException {

	private final ExitCode code;

	AgentFailure(ExitCode code, String message) {
		super(message);
		this.code = code;
	}

	AgentFailure(ExitCode code, String message, Throwable cause) {
		super(message, cause);
		this.code = code;
	}

	ExitCode code() {
		return code;
	}

}
