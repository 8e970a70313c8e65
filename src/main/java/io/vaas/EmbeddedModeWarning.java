package io.vaas;

import java.sql.SQLException;

import javax.sql.DataSource;

import io.vaas.shared.DataDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The server's own fallback warning, in the spirit of the {@code /con} DEFAULT markers:
 * on the embedded H2 database it says at every start, loudly, that this is a single-node
 * development setup.
 */
@Component
class EmbeddedModeWarning {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedModeWarning.class);

	private final DataSource dataSource;

	private final DataDirectory data;

	EmbeddedModeWarning(DataSource dataSource, DataDirectory data) {
		this.dataSource = dataSource;
		this.data = data;
	}

	@EventListener(ApplicationReadyEvent.class)
	void warnOnEmbeddedDatabase() throws SQLException {
		String product;
		try (var connection = dataSource.getConnection()) {
			product = connection.getMetaData().getDatabaseProductName();
		}
		if ("H2".equalsIgnoreCase(product)) {
			log.warn("""

					>>> WARNING: Embedded single-node database in use! Not for production!
					>>> Data lives in {} (H2); one instance only, no replication, no backups.
					>>> Set VAAS_DB_URL, VAAS_DB_USER and VAAS_DB_PASSWORD to a PostgreSQL database for production.""",
					data.dataDir().toAbsolutePath().normalize());
		}
	}

}
