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
 * before): {@code VAAS_DATA_DIR='~/vaas'} must not become a directory named {@code ~}. A
 * directory with a {@code ;} (H2's separator of settings) stops the embedded default's
 * start with a message saying so.
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
		var url = environment.getProperty("spring.datasource.url", "");
		if (url.startsWith("jdbc:h2:") && absolute.indexOf(';') >= 0 && url.contains(absolute)) {
			// H2 would read the rest of the path as its settings.
			throw new IllegalStateException("The data directory " + absolute + " holds a ';', which the embedded "
					+ "database's URL cannot: set VAAS_DATA_DIR to a directory without one (or VAAS_DB_URL to "
					+ "a PostgreSQL database)");
		}
	}

	static String absolute(String configured, String home) {
		var path = configured;
		if (path.equals("~") || path.startsWith("~/")) {
			path = home + path.substring(1);
		}
		else if (path.startsWith("~")) {
			// Another user's home: a shell would have expanded it; a directory named
			// "~user" in the working directory is surely not what was meant.
			throw new IllegalStateException("The data directory " + configured + " names another user's home, "
					+ "which is not looked up: give the directory itself (VAAS_DATA_DIR=/home/user/…)");
		}
		return Path.of(path).toAbsolutePath().normalize().toString();
	}

	/** After the configuration files and the environment are read. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
