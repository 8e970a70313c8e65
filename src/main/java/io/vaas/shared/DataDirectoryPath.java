package io.vaas.shared;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes {@code vaas.data-dir} absolute before anything reads it. The embedded database's
 * URL is made from it, and H2 refuses a path relative to the working directory unless it
 * starts with {@code ./}: {@code VAAS_DATA_DIR=data} would stop the server at start-up.
 * Every other use of the directory resolves it against the same working directory. A
 * leading {@code ~} is the user's home, as a shell would have made it (and as H2 took it
 * before): {@code VAAS_DATA_DIR='~/vaas'} must not become a directory named {@code ~}.
 */
public class DataDirectoryPath implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY = "vaas.data-dir";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		var configured = environment.getProperty(PROPERTY);
		if (configured == null || configured.isBlank()) {
			return;
		}
		var absolute = absolute(configured, System.getProperty("user.home"));
		if (!absolute.equals(configured)) {
			environment.getPropertySources()
				.addFirst(new MapPropertySource("vaasDataDirectory", Map.of(PROPERTY, absolute)));
		}
	}

	static String absolute(String configured, String home) {
		var path = configured;
		if (path.equals("~") || path.startsWith("~/")) {
			path = home + path.substring(1);
		}
		return Path.of(path).toAbsolutePath().normalize().toString();
	}

	/** After the configuration files and the environment are read. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
