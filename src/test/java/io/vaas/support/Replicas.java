package io.vaas.support;

import java.util.ArrayList;
import java.util.List;

import io.vaas.VaasApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A second server on the test's database: another replica, on a port of its own. */
public final class Replicas {

	private Replicas() {
	}

	/** Starts one; close it when done. Extra arguments are added to the command line. */
	public static ConfigurableApplicationContext start(JdbcConnectionDetails database, String... extra) {
		var args = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + database.getJdbcUrl(),
				"--spring.datasource.username=" + database.getUsername(),
				"--spring.datasource.password=" + database.getPassword(),
				"--vaas.bootstrap.admin-token=" + Api.ADMIN_TOKEN,
				"--vaas.data-dir=" + System.getProperty("java.io.tmpdir") + "/vaas-test-data"));
		args.addAll(List.of(extra));
		return new SpringApplicationBuilder(VaasApplication.class).run(args.toArray(String[]::new));
	}

	/** The API of a started replica. */
	public static Api api(ConfigurableApplicationContext replica) {
		return new Api(((WebServerApplicationContext) replica).getWebServer().getPort());
	}

}
