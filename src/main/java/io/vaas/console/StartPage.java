package io.vaas.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.core.io.ClassPathResource;

/**
 * A group's start page ({@code info.description}, Markdown): its walk-through from
 * {@code console/<group>.md}, led by a warning while the server runs on the embedded
 * development database.
 */
final class StartPage {

	static final String EMBEDDED = """
			> **Development setup.** This server runs on its embedded H2 database: one node, data in \
			its data directory, no replication, no backups. The bootstrap admin token is in the file \
			`bootstrap-admin.token` in that directory (`./data` by default), and this page keeps the \
			token you authorize with across reloads. For production, point `VAAS_DB_URL` at PostgreSQL.

			""";

	private final boolean embedded;

	StartPage(boolean embedded) {
		this.embedded = embedded;
	}

	String markdown(List<Catalogue.Group> groups) {
		var text = groups.stream().map(StartPage::read).collect(Collectors.joining("\n"));
		return embedded ? EMBEDDED + text : text;
	}

	private static String read(Catalogue.Group group) {
		try (var in = new ClassPathResource(group.start()).getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
