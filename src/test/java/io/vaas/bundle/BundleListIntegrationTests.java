package io.vaas.bundle;

import java.util.ArrayList;

import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /namespaces/{ns}/bundles}: every bundle once, by name, a page at a time. */
@PostgresIntegrationTest
class BundleListIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void pagesThroughEveryBundleByNameOnce() {
		var api = new Api(port);
		var ns = Api.unique("list");
		api.namespace(ns);
		var base = "/api/v1/namespaces/" + ns + "/bundles";
		for (var name : new String[] { "web", "api", "db-1", "db-10", "db-2" }) {
			api.put(base + "/" + name, ADMIN_TOKEN,
					"{\"files\":[{\"area\":\"configuration\",\"path\":\"a.txt\",\"template\":\"" + name + "\"}]}")
				.expect(201);
		}
		api.put(base + "/web", ADMIN_TOKEN,
				"{\"files\":[{\"area\":\"configuration\",\"path\":\"a.txt\",\"template\":\"web 2\"}]}")
			.expect(200);

		var names = new ArrayList<String>();
		var viewer = api.token(ns, "viewer");
		String after = null;
		int pages = 0;
		do {
			var page = api.get(base + "?limit=2" + (after == null ? "" : "&after=" + after), viewer).expect(200).json();
			page.get("bundles").forEach(bundle -> names.add(bundle.get("name").asString()));
			after = page.get("next").isNull() ? null : page.get("next").asString();
			pages++;
		}
		while (after != null);
		assertThat(names).containsExactly("api", "db-1", "db-10", "db-2", "web");
		assertThat(pages).isEqualTo(3);

		var all = api.get(base, viewer).expect(200).json();
		assertThat(all.get("bundles")).hasSize(5);
		assertThat(all.get("next").isNull()).isTrue();
		var web = all.get("bundles").get(4);
		assertThat(web.get("latestRevision").asLong()).isEqualTo(2);
		assertThat(web.get("updatedAt").asString()).isNotBlank();

		api.get(base + "?limit=0", ADMIN_TOKEN).expectProblem(422, "validation-failed");
		api.get(base + "?limit=1001", ADMIN_TOKEN).expectProblem(422, "validation-failed");
		api.get(base + "?after=" + "x".repeat(64), ADMIN_TOKEN).expect(400);
		api.get("/api/v1/namespaces/" + Api.unique("none") + "/bundles", ADMIN_TOKEN)
			.expectProblem(404, "namespace-not-found");
		var other = Api.unique("other");
		api.namespace(other);
		api.get(base, api.token(other, "viewer")).expectProblem(403, "forbidden");
	}

}
