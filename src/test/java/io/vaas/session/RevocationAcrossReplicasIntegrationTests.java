package io.vaas.session;

import io.vaas.VaasApplication;
import io.vaas.support.Agents;
import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two servers on one database: a session revoked through one is refused by the other
 * within 5 s.
 */
@PostgresIntegrationTest
class RevocationAcrossReplicasIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcConnectionDetails database;

	@Test
	void revocationReachesTheOtherReplicaWithinFiveSeconds() throws Exception {
		try (var other = new SpringApplicationBuilder(VaasApplication.class).run("--server.port=0",
				"--spring.datasource.url=" + database.getJdbcUrl(),
				"--spring.datasource.username=" + database.getUsername(),
				"--spring.datasource.password=" + database.getPassword(), "--vaas.bootstrap.admin-token=" + ADMIN_TOKEN,
				"--vaas.data-dir=" + System.getProperty("java.io.tmpdir") + "/vaas-test-data")) {
			var a = new Api(port);
			var b = new Api(((WebServerApplicationContext) other).getWebServer().getPort());
			var ns = Api.unique("replica");
			a.namespace(ns);
			new Agents(a).bundle(ns, "app");
			var token = new Agents(a).accessToken(new Agents(a).seed(ns, "app", "{}"));
			var session = b.call("GET", "/api/v1/agent/session")
				.token(token)
				.send()
				.expect(200)
				.json()
				.get("session")
				.asString();

			a.delete("/api/v1/namespaces/" + ns + "/agents/" + session, ADMIN_TOKEN).expect(204);
			var revokedAt = System.nanoTime();
			long waitedMillis;
			while (true) {
				var status = b.call("GET", "/api/v1/agent/session").token(token).send().status();
				waitedMillis = (System.nanoTime() - revokedAt) / 1_000_000;
				if (status == 401 || waitedMillis > 10_000) {
					assertThat(status).isEqualTo(401);
					break;
				}
				Thread.sleep(50);
			}
			assertThat(waitedMillis).as("refused by the other replica within 5 s").isLessThan(5_000);
		}
	}

}
