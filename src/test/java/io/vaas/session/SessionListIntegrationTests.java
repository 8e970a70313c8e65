package io.vaas.session;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import io.vaas.support.Agents;
import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /namespaces/{ns}/agents}: newest first, a page at a time, the next page
 * named by a {@code Link} header; every session once.
 */
@PostgresIntegrationTest
class SessionListIntegrationTests {

	private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

	@LocalServerPort
	int port;

	@Test
	void pagesThroughEverySessionNewestFirstOnce() {
		var api = new Api(port);
		var agents = new Agents(api);
		var ns = Api.unique("fleet");
		api.namespace(ns);
		agents.bundle(ns, "web");
		agents.bundle(ns, "db");
		var web = agents.seed(ns, "web", "{\"uses\":5}");
		var db = agents.seed(ns, "db", "{\"uses\":2}");
		for (int i = 0; i < 5; i++) {
			agents.exchange(web).expect(200);
		}
		agents.exchange(db).expect(200);
		agents.exchange(db).expect(200);

		var whole = api.get("/api/v1/namespaces/" + ns + "/agents", ADMIN_TOKEN).expect(200);
		assertThat(whole.header("Link")).isNull();
		var newestFirst = ids(whole);
		assertThat(newestFirst).hasSize(7).doesNotHaveDuplicates();

		assertThat(follow(api, "/api/v1/namespaces/" + ns + "/agents?limit=3")).containsExactlyElementsOf(newestFirst);
		var webOnly = follow(api, "/api/v1/namespaces/" + ns + "/agents?limit=2&bundle=web");
		assertThat(webOnly).hasSize(5).isSubsetOf(newestFirst);
		assertThat(newestFirst.stream().filter(webOnly::contains).toList()).containsExactlyElementsOf(webOnly);

		var base = "/api/v1/namespaces/" + ns + "/agents";
		api.get(base + "?limit=0", ADMIN_TOKEN).expectProblem(422, "validation-failed");
		api.get(base + "?limit=1001", ADMIN_TOKEN).expectProblem(422, "validation-failed");
		api.get(base + "?after=" + UUID.randomUUID(), ADMIN_TOKEN).expectProblem(422, "validation-failed");
		api.get(base + "?after=not-a-uuid", ADMIN_TOKEN).expect(400);
	}

	/**
	 * Every id, following the Link headers from the first page, with the pages' sizes.
	 */
	private static List<String> follow(Api api, String first) {
		var all = new ArrayList<String>();
		String next = first;
		int pages = 0;
		while (next != null) {
			var page = next;
			var reply = api.get(page, ADMIN_TOKEN).expect(200);
			var ids = ids(reply);
			assertThat(ids).isNotEmpty();
			all.addAll(ids);
			var link = reply.header("Link");
			next = null;
			if (link != null) {
				var matcher = NEXT.matcher(link);
				assertThat(matcher.matches()).as(link).isTrue();
				assertThat(matcher.group(1)).as("relative to the page, whatever prefix a proxy adds")
					.startsWith("agents?");
				next = java.net.URI.create(page).resolve(matcher.group(1)).toString();
			}
			assertThat(++pages).isLessThan(10);
		}
		return all;
	}

	private static List<String> ids(Api.Reply reply) {
		var ids = new ArrayList<String>();
		reply.json().forEach(session -> ids.add(session.get("id").asString()));
		return ids;
	}

}
