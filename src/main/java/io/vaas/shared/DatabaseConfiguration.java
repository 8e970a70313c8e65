package io.vaas.shared;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bounds how long a request can wait on PostgreSQL, so an outage is a prompt 503 and not
 * a hang: the pool's connection timeout is set in {@code application.yaml}; here the
 * driver gets a connect timeout (an unreachable host) and a socket timeout (a network
 * that swallows packets), unless the URL or the pool settings name their own; batched
 * inserts (the audit chain's) are sent as multi-row inserts; and the pool opens its
 * connections through a {@link PatientDataSource}, so it has one again within about 100
 * ms of the database's return.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	/** Seconds to open a connection to an unreachable host. */
	static final String CONNECT_TIMEOUT = "2";

	/** Seconds a statement may wait for the server to send anything at all. */
	static final String SOCKET_TIMEOUT = "30";

	@Bean
	static BeanPostProcessor postgresTimeouts() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
						&& pool.getJdbcUrl().startsWith("jdbc:postgresql:")) {
					var url = pool.getJdbcUrl();
					var properties = pool.getDataSourceProperties();
					if (!url.contains("connectTimeout=")) {
						properties.putIfAbsent("connectTimeout", CONNECT_TIMEOUT);
					}
					if (!url.contains("socketTimeout=")) {
						properties.putIfAbsent("socketTimeout", SOCKET_TIMEOUT);
					}
					if (!url.contains("tcpKeepAlive=")) {
						properties.putIfAbsent("tcpKeepAlive", "true");
					}
					if (!url.contains("reWriteBatchedInserts=")) {
						properties.putIfAbsent("reWriteBatchedInserts", "true");
					}
					if (pool.getDataSource() == null) {
						pool.setDataSource(new PatientDataSource(new DriverDataSource(url, pool.getDriverClassName(),
								properties, pool.getUsername(), pool.getPassword())));
					}
				}
				return bean;
			}
		};
	}

}
