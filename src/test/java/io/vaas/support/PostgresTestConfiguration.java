package io.vaas.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Points the application at the database {@link TestDatabase} resolved: one database per
 * run, shared by every test context (a container too is started once, not per context).
 */
@TestConfiguration(proxyBeanMethods = false)
class PostgresTestConfiguration {

	@Bean
	DynamicPropertyRegistrar freshDatabase() {
		var database = TestDatabase.fresh();
		return registry -> {
			registry.add("spring.datasource.url", database::url);
			registry.add("spring.datasource.username", database::user);
			registry.add("spring.datasource.password", database::password);
		};
	}

}
