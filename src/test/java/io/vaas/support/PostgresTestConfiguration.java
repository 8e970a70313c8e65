package io.vaas.support;

import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.test.context.DynamicPropertyRegistrar;

/** Points the application at the database {@link TestDatabase} resolved. */
@TestConfiguration(proxyBeanMethods = false)
class PostgresTestConfiguration {

	@Bean
	@ServiceConnection
	@Conditional(DockerSource.class)
	PostgreSQLContainer postgres() {
		return new PostgreSQLContainer("postgres:17-alpine");
	}

	@Bean
	@Conditional(ServerSource.class)
	DynamicPropertyRegistrar freshDatabase() {
		var database = TestDatabase.fresh();
		return registry -> {
			registry.add("spring.datasource.url", database::url);
			registry.add("spring.datasource.username", database::user);
			registry.add("spring.datasource.password", database::password);
		};
	}

	static class DockerSource implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return TestDatabase.source() == TestDatabase.Source.DOCKER;
		}

	}

	static class ServerSource implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return TestDatabase.source() != TestDatabase.Source.DOCKER;
		}

	}

}
