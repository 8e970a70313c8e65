package io.vaas.bundle;

import java.util.Base64;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import io.vaas.support.Agents;
import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bundle is rendered from one committed state: two files reading one config never show
 * two of its versions, however fast the config changes.
 */
@PostgresIntegrationTest
class ConsistentRenderIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void bundleIsRenderedFromOneConfigVersion() throws Exception {
		var api = new Api(port);
		var ns = Api.unique("torn");
		api.namespace(ns);
		api.put("/api/v1/namespaces/" + ns + "/configs/app", ADMIN_TOKEN, "{\"data\":{\"port\":0}}").expect(201);
		api.put("/api/v1/namespaces/" + ns + "/bundles/app", ADMIN_TOKEN, """
				{"files":[{"area":"configuration","path":"a","template":"{{ config.app.port }}"},
				 {"area":"configuration","path":"b","template":"{{ config.app.port }}"}]}""").expect(201);
		var agents = new Agents(api);
		var token = agents.accessToken(agents.seed(ns, "app", "{}"));
		var stop = new AtomicBoolean();
		var writer = Thread.ofPlatform().start(() -> {
			for (int i = 1; !stop.get(); i++) {
				api.put("/api/v1/namespaces/" + ns + "/configs/app", ADMIN_TOKEN, "{\"data\":{\"port\":" + i + "}}");
			}
		});
		var torn = new ConcurrentLinkedQueue<String>();
		int fetches = 0;
		var deadline = System.nanoTime() + 8_000_000_000L;
		while (System.nanoTime() < deadline && torn.isEmpty()) {
			var files = api.call("GET", "/api/v1/agent/bundle").token(token).send().expect(200).json().get("files");
			var a = new String(Base64.getDecoder().decode(files.get(0).get("content").asString()));
			var b = new String(Base64.getDecoder().decode(files.get(1).get("content").asString()));
			fetches++;
			if (!a.equals(b)) {
				torn.add(a + "|" + b);
			}
		}
		stop.set(true);
		writer.join();
		assertThat(fetches).as("fetches made while the config changed").isGreaterThan(20);
		assertThat(torn).as("bundles rendered from two config versions").isEmpty();
	}

}
