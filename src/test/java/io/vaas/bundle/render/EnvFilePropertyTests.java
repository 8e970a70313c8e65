package io.vaas.bundle.render;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ENV files sourced by real shells: for arbitrary values — quotes, {@code $( )},
 * backticks, newlines, unicode, trailing backslashes — every variable equals its value
 * and nothing runs.
 */
class EnvFilePropertyTests {

	static final List<String> SHELLS = shells();

	@Property(tries = 60)
	void sourcingGivesBackEveryValueAndRunsNothing(@ForAll("values") @Size(min = 1, max = 5) List<String> values)
			throws Exception {
		var variables = new LinkedHashMap<String, String>();
		for (int i = 0; i < values.size(); i++) {
			variables.put(EnvFile.name("v_", Integer.toString(i)), values.get(i));
		}
		var dir = Files.createTempDirectory("vaas-env");
		try {
			var env = dir.resolve("ENV");
			Files.writeString(env, EnvFile.render(variables), StandardCharsets.UTF_8);
			var canary = dir.resolve("ran");
			for (var shell : SHELLS) {
				assertThat(source(shell, env, dir, variables)).as("values read back by %s", shell).isEqualTo(variables);
				assertThat(canary).as("%s ran nothing", shell).doesNotExist();
			}
		}
		finally {
			try (var files = Files.walk(dir)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
		}
	}

	@Provide
	Arbitrary<List<String>> values() {
		var nasty = Arbitraries.of("'", "\"", "$(touch ran)", "`touch ran`", "\\", "\n", "$HOME", "${x}", "'\\''", "é",
				"日本", "😀", " ", "\t", "!", ";touch ran;", "*", "#", "-e");
		var plain = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(8);
		var unicode = Arbitraries.strings()
			.all()
			.excludeChars('\0')
			.ofMaxLength(6)
			.filter(EnvFilePropertyTests::validUtf16);
		var piece = Arbitraries.oneOf(nasty, plain, unicode);
		return piece.list().ofMaxSize(6).map(parts -> String.join("", parts)).list();
	}

	private static boolean validUtf16(String text) {
		return StandardCharsets.UTF_8.newEncoder().canEncode(text);
	}

	/**
	 * Sources the file in a clean environment, then prints each variable NUL-separated.
	 */
	private static Map<String, String> source(String shell, Path env, Path dir, Map<String, String> variables)
			throws Exception {
		var script = new StringBuilder(". ./ENV\n");
		for (var name : variables.keySet()) {
			script.append("printf '%s\\0' \"$").append(name).append("\"\n");
		}
		var process = new ProcessBuilder(shell, "-c", script.toString()).directory(dir.toFile()).start();
		process.getOutputStream().close();
		var out = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(new String(process.getErrorStream().readAllBytes())).isZero();
		var parts = new String(out, StandardCharsets.UTF_8).split("\0", -1);
		var read = new LinkedHashMap<String, String>();
		var names = new ArrayList<>(variables.keySet());
		for (int i = 0; i < names.size(); i++) {
			read.put(names.get(i), parts[i]);
		}
		return read;
	}

	private static List<String> shells() {
		var found = new ArrayList<String>();
		for (var shell : List.of("/bin/sh", "/bin/dash", "/bin/bash")) {
			if (Files.isExecutable(Path.of(shell))) {
				found.add(shell);
			}
		}
		assertThat(found).as("at least /bin/sh").isNotEmpty();
		return found;
	}

}
