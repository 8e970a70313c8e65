package io.vaas.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Points the application at the database {@link TestDatabase} resolved: one database per
 * run, shared by every test context (a container too is started once, not per context),
 * unless a test sets {@code vaas.test.own-database=true} to get a database of its own
 * (one whose steps would collide with another test's).
 */
@TestConfiguration(proxyBeanMethods = false)
class PostgresTestConfiguration {

	@Bean
	DynamicPropertyRegistrar freshDatabase(Environment environment) {
		var database = environment.getProperty("vaas.test.own-database", Boolean.class, false) ? TestDatabase.separate()
				: TestDatabase.fresh();
		return registry -> {
			registry.add("spring.datasource.url", database::url);
			registry.add("spring.datasource.username", database::user);
			registry.add("spring.datasource.password", database::password);
		};
	}

}
