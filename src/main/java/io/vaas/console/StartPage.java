package io.vaas.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ClassPathResource;

/**
 * A group's start page ({@code info.description}, Markdown): its walk-through from
 * {@code console/<group>.md}, led by a warning while the server runs on the embedded
 * development database that says where its data and bootstrap token are and whether the
 * page keeps the token across reloads.
 *
 * @param embedded whether the server runs on its embedded H2 database
 * @param dataDir the data directory as configured
 * @param tokenFile the bootstrap token's file in it, or null when the token is set in the
 * environment
 * @param persist whether Swagger UI keeps the token across reloads
 */
record StartPage(boolean embedded, String dataDir, @Nullable String tokenFile, boolean persist) {

	String markdown(List<Catalogue.Group> groups) {
		var text = groups.stream().map(StartPage::read).collect(Collectors.joining("\n"));
		return embedded ? warning() + text : text;
	}

	String warning() {
		var token = tokenFile == null ? "The bootstrap admin token is the one set in `VAAS_BOOTSTRAP_ADMIN_TOKEN`."
				: "The bootstrap admin token is in the file `" + tokenFile + "` in that directory.";
		var keeps = persist ? "This page keeps the token you authorize with across reloads, in the browser's storage."
				: "This page forgets the token you authorize with when it reloads.";
		return "> **Development setup.** This server runs on its embedded H2 database: one node, data in `" + dataDir
				+ "`, no replication, no backups. " + token + " " + keeps
				+ " For production, point `VAAS_DB_URL` at PostgreSQL.\n\n";
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
