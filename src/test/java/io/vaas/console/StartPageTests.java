package io.vaas.console;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start page's development warning says what holds on this server: where the
 * bootstrap token is, and whether the page keeps it across reloads.
 */
class StartPageTests {

	static final List<Catalogue.Group> OPERATOR = List.of(CatalogueTests.CATALOGUE.groups().get("operator"));

	@Test
	void onTheEmbeddedDefaultTheWarningNamesTheTokenFileAndThatThePageKeepsIt() {
		var page = new StartPage(true, "./data", "bootstrap-admin.token", true).markdown(OPERATOR);
		assertThat(page).startsWith("> **Development setup.**")
			.contains("data in `./data`")
			.contains("in the file `bootstrap-admin.token`")
			.contains("keeps the token you authorize with across reloads")
			.contains("## Walk-through");
	}

	@Test
	void aConfiguredTokenAndNoPersistenceAreSaidAsSuch() {
		var page = new StartPage(true, "/var/lib/vaas", null, false).markdown(OPERATOR);
		assertThat(page.lines().findFirst().orElseThrow()).contains("data in `/var/lib/vaas`")
			.contains("set in `VAAS_BOOTSTRAP_ADMIN_TOKEN`")
			.contains("forgets the token you authorize with when it reloads")
			.doesNotContain("bootstrap-admin.token`")
			.doesNotContain("keeps the token");
	}

	@Test
	void onPostgresqlThereIsNoWarning() {
		assertThat(new StartPage(false, "./data", "bootstrap-admin.token", false).markdown(OPERATOR))
			.doesNotContain("Development setup")
			.startsWith("Volume as a Service");
	}

}
