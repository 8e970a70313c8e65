package io.vaas.agent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * vaas-agent as a real process from {@code target/classes}, with this JVM's java and none
 * of the caller's {@code VAAS_} variables.
 */
public final class AgentProcesses {

	private AgentProcesses() {
	}

	/** What a finished agent process printed, and its exit code. */
	record Run(int exitCode, String output) {
	}

	public static ProcessBuilder builder(String... args) {
		var command = new ArrayList<String>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
				"target/classes", "io.vaas.agent.AgentMain"));
		command.addAll(List.of(args));
		var builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().keySet().removeIf(name -> name.startsWith("VAAS_"));
		return builder;
	}

	/** Runs the agent to its end (at most a minute). */
	static Run run(String... args) throws Exception {
		var process = builder(args).start();
		var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new Run(process.exitValue(), output);
	}

}
