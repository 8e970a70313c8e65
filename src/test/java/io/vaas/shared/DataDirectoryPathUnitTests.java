package io.vaas.shared;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The data directory as the server uses it: absolute, from the working directory or the
 * user's home.
 */
class DataDirectoryPathUnitTests {

	static final String HOME = "/home/vaas";

	@Test
	void takesARelativeDirectoryFromTheWorkingDirectory() {
		var cwd = Path.of("").toAbsolutePath();
		assertThat(DataDirectoryPath.absolute("data", HOME)).isEqualTo(cwd.resolve("data").toString());
		assertThat(DataDirectoryPath.absolute("./data/../vaas", HOME)).isEqualTo(cwd.resolve("vaas").toString());
		assertThat(DataDirectoryPath.absolute("x~/data", HOME)).isEqualTo(cwd.resolve("x~/data").toString());
	}

	@Test
	void takesALeadingTildeAsTheHomeDirectory() {
		assertThat(DataDirectoryPath.absolute("~", HOME)).isEqualTo(HOME);
		assertThat(DataDirectoryPath.absolute("~/vaas/data", HOME)).isEqualTo("/home/vaas/vaas/data");
	}

	@Test
	void refusesAnotherUsersHomeRatherThanMakingADirectoryNamedAfterIt() {
		assertThatIllegalStateException().isThrownBy(() -> DataDirectoryPath.absolute("~vaas/data", HOME))
			.withMessageContaining("~vaas/data names another user's home");
	}

	@Test
	void leavesAnAbsoluteDirectoryAsItIs() {
		assertThat(DataDirectoryPath.absolute("/var/lib/vaas", HOME)).isEqualTo("/var/lib/vaas");
	}

	@Test
	void replacesTheConfiguredValueForEveryReader() {
		var environment = new StandardEnvironment();
		environment.getPropertySources()
			.addLast(new MapPropertySource("configured",
					Map.of("vaas.data-dir", "~/vaas", "db", "jdbc:h2:file:${vaas.data-dir}/vaas")));
		new DataDirectoryPath().postProcessEnvironment(environment, new SpringApplication());
		var home = System.getProperty("user.home");
		assertThat(environment.getProperty("vaas.data-dir")).isEqualTo(Path.of(home, "vaas").toString());
		assertThat(environment.getProperty("db")).isEqualTo("jdbc:h2:file:" + Path.of(home, "vaas") + "/vaas");
	}

	@Test
	void refusesADirectoryWithASemicolonForTheEmbeddedDatabaseOnly() {
		var embedded = environment("/tmp/a;b", "jdbc:h2:file:${vaas.data-dir}/vaas;MODE=PostgreSQL");
		assertThatIllegalStateException()
			.isThrownBy(() -> new DataDirectoryPath().postProcessEnvironment(embedded, new SpringApplication()))
			.withMessageContaining("/tmp/a;b holds a ';'")
			.withMessageContaining("VAAS_DATA_DIR");

		var postgres = environment("/tmp/a;b", "jdbc:postgresql://db:5432/vaas");
		new DataDirectoryPath().postProcessEnvironment(postgres, new SpringApplication());
		assertThat(postgres.getProperty("vaas.data-dir")).isEqualTo("/tmp/a;b");

		var inMemory = environment("/tmp/a;b", "jdbc:h2:mem:vaas");
		new DataDirectoryPath().postProcessEnvironment(inMemory, new SpringApplication());
	}

	private static StandardEnvironment environment(String dataDir, String url) {
		var environment = new StandardEnvironment();
		environment.getPropertySources()
			.addLast(new MapPropertySource("configured",
					Map.of("vaas.data-dir", dataDir, "spring.datasource.url", url)));
		return environment;
	}

}
