package io.vaas.agent;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.vaas.bundle.output.Area;
import io.vaas.bundle.output.RenderedBundle;
import io.vaas.bundle.output.RenderedFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifierUnitTests {

	@ParameterizedTest
	@ValueSource(strings = { "", "/etc/passwd", "../x", "a/../b", "..data", "a/..x", "a//b", "a b", "./a",
			"a/b/c/d/e/f/g/h/i" })
	void refusesUnsafePaths(String path) {
		assertThatThrownBy(() -> Verifier.checkPath(path)).isInstanceOf(AgentFailure.class)
			.satisfies(ex -> assertThat(((AgentFailure) ex).code()).isEqualTo(ExitCode.VERIFICATION_FAILED));
	}

	@ParameterizedTest
	@ValueSource(strings = { "my.cnf", "ENV", "tls/server.key", ".hidden" })
	void acceptsSafePaths(String path) {
		assertThatNoException().isThrownBy(() -> Verifier.checkPath(path));
	}

	@Test
	void computesTheServersDigest() {
		var a = "port=1\n".getBytes(StandardCharsets.UTF_8);
		var b = new byte[] { 0, 1, 2 };
		var server = RenderedBundle.of(List.of(RenderedFile.of(Area.SECRET, "k", 0400, b, true),
				RenderedFile.of(Area.CONFIGURATION, "my.cnf", 0444, a, false)));
		var agent = Verifier.digest(List.of(new Manifest.File("configuration", "my.cnf", 0444, a, Verifier.sha256(a)),
				new Manifest.File("secret", "k", 0400, b, Verifier.sha256(b))));
		assertThat(agent).isEqualTo(server.digest());
	}

}
