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

	/**
	 * The JVM options the agent's image starts it with: those of the ENTRYPOINT in
	 * {@code deploy/agent.Dockerfile}, between {@code java} and {@code -jar}.
	 */
	static List<String> imageJvmOptions() throws java.io.IOException {
		var dockerfile = java.nio.file.Files.readString(java.nio.file.Path.of("deploy/agent.Dockerfile"));
		var entrypoint = dockerfile.substring(dockerfile.indexOf("ENTRYPOINT ["));
		entrypoint = entrypoint.substring(0, entrypoint.indexOf(']'));
		var words = java.util.regex.Pattern.compile("\"([^\"]*)\"")
			.matcher(entrypoint)
			.results()
			.map(match -> match.group(1))
			.toList();
		return words.subList(1, words.indexOf("-jar"));
	}

	/** What a finished agent process printed, and its exit code. */
	record Run(int exitCode, String output) {
	}

	public static ProcessBuilder builder(String... args) {
		return builder(List.of(), args);
	}

	/** The agent started with these JVM options before its main class. */
	static ProcessBuilder builder(List<String> jvm, String... args) {
		var command = new ArrayList<String>(List.of(ProcessHandle.current().info().command().orElse("java")));
		command.addAll(jvm);
		command.addAll(List.of("-cp", "target/classes", "io.vaas.agent.AgentMain"));
		command.addAll(List.of(args));
		var builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().keySet().removeIf(name -> name.startsWith("VAAS_"));
		return builder;
	}

	/** Runs the agent to its end (at most a minute). */
	static Run run(String... args) throws Exception {
		return run(List.of(), args);
	}

	/** Runs the agent with these JVM options to its end (at most a minute). */
	static Run run(List<String> jvm, String... args) throws Exception {
		var process = builder(jvm, args).start();
		var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new Run(process.exitValue(), output);
	}

}
