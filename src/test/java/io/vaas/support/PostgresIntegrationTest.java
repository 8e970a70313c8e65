package io.vaas.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A full server on a random port against real PostgreSQL ({@link TestDatabase}), with a
 * known bootstrap admin token ({@link Api#ADMIN_TOKEN}). Test classes share one context
 * and one database, so each uses namespaces of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "vaas.bootstrap.admin-token=" + Api.ADMIN_TOKEN,
				"vaas.data-dir=${java.io.tmpdir}/vaas-test-data",
				// Every test calls from 127.0.0.1 and many send bad credentials on
				// purpose: FailureThrottle has tests of its own, with low limits.
				"vaas.throttle.address-failures=100000", "vaas.throttle.credential-failures=100000",
				// The agents' port beside the server's (its tests call it at
				// local.agents.port), so they share this context.
				"vaas.agents.port=0",
				// A cached context that is not in use keeps one connection, not ten: the
				// contexts of a run together stay well under PostgreSQL's 100.
				"spring.datasource.hikari.minimum-idle=1", "spring.datasource.hikari.idle-timeout=10000" })
@Import(PostgresTestConfiguration.class)
public @interface PostgresIntegrationTest {

}
