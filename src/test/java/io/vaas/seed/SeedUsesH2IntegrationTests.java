package io.vaas.seed;

import io.vaas.support.Api;

import org.springframework.boot.test.context.SpringBootTest;

/** The same on the embedded default's H2, in a data directory of its own. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "vaas.bootstrap.admin-token=" + Api.ADMIN_TOKEN,
				"vaas.data-dir=${java.io.tmpdir}/vaas-seed-uses-${random.uuid}" })
class SeedUsesH2IntegrationTests extends SeedUsesContract {

}
