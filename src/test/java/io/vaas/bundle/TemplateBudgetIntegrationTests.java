package io.vaas.bundle;

import java.time.Duration;

import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Templates over their budget, through the API with the default settings: the save and
 * the preview answer 422 quickly, naming the file and the budget, and the server keeps
 * serving.
 */
@PostgresIntegrationTest
class TemplateBudgetIntegrationTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** The 1 s default budget, plus a request, on a slow shared machine. */
	static final Duration QUICKLY = Duration.ofSeconds(4);

	@LocalServerPort
	int port;

	Api api;

	String ns;

	String base;

	@BeforeEach
	void setUp() {
		api = new Api(port);
		ns = Api.unique("budget");
		api.namespace(ns);
		base = "/api/v1/namespaces/" + ns;
		api.put(base + "/configs/app", ADMIN_TOKEN, "{\"data\":{\"n\":3}}").expect(201);
	}

	@Test
	void refusesASaveOverBudgetQuicklyAndKeepsServing() {
		var overBudget = new String[][] { { "{% for i in range(1,100000000) %}{% endfor %}", "the size budget" },
				{ "{% macro r(n) %}{% if n > 0 %}{{ r(n-1) }}{{ r(n-1) }}{% endif %}{% endmacro %}{{ r(24) }}",
						"the time budget" },
				{ "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(1) }}", "the nesting budget" },
				{ "{% set s = 'x' %}{% for i in 1..40 %}{% set s = s ~ s %}{% endfor %}", "the size budget" } };
		for (var template : overBudget) {
			long start = System.nanoTime();
			var refused = save("app", template[0]).expectProblem(422, "bundle-render-failed");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as(template[1]).isLessThan(QUICKLY);
			assertThat(refused.json().get("file").asString()).isEqualTo("configuration/app.conf");
			assertThat(refused.json().get("detail").asString()).contains(template[1]);
		}
		api.get(base + "/bundles/app", ADMIN_TOKEN).expectProblem(404, "bundle-not-found");
		api.call("GET", "/actuator/health").send().expect(200);
		save("app", "n={{ config.app.n }}").expect(201);
		assertThat(api.post(base + "/bundles/app/preview", ADMIN_TOKEN, "").expect(200).body()).contains("n=3");
	}

	@Test
	void refusesAPreviewThatAConfigChangePutOverBudget() {
		save("app", "{% for i in range(1, config.app.n) %}x{% endfor %}").expect(201);
		assertThat(api.post(base + "/bundles/app/preview", ADMIN_TOKEN, "").expect(200).body()).contains("xxx");
		api.call("PUT", base + "/configs/app")
			.token(ADMIN_TOKEN)
			.header("If-Match", "\"1\"")
			.json("{\"data\":{\"n\":100000000}}")
			.send()
			.expect(200);
		long start = System.nanoTime();
		var refused = api.post(base + "/bundles/app/preview", ADMIN_TOKEN, "")
			.expectProblem(422, "bundle-render-failed");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(QUICKLY);
		assertThat(refused.json().get("file").asString()).isEqualTo("configuration/app.conf");
		assertThat(refused.json().get("detail").asString()).contains("range").contains("the size budget");
	}

	@Test
	void agentsKeepTheLastGoodRenderingWhenAConfigChangePutsTheBundleOverBudget() {
		save("app", "{% for i in range(1, config.app.n) %}x{% endfor %}").expect(201);
		var agents = new io.vaas.support.Agents(api);
		var token = agents.accessToken(agents.seed(ns, "app", "{}"));
		var good = api.call("GET", "/api/v1/agent/bundle").token(token).send().expect(200);
		api.call("PUT", base + "/configs/app")
			.token(ADMIN_TOKEN)
			.header("If-Match", "\"1\"")
			.json("{\"data\":{\"n\":100000000}}")
			.send()
			.expect(200);
		long start = System.nanoTime();
		var kept = api.call("GET", "/api/v1/agent/bundle").token(token).send().expect(200);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(QUICKLY);
		assertThat(kept.header("ETag")).isEqualTo(good.header("ETag"));
		var failure = api.get(base + "/bundles/app", ADMIN_TOKEN).expect(200).json().get("renderFailure");
		assertThat(failure.get("file").asString()).isEqualTo("configuration/app.conf");
		assertThat(failure.get("reason").asString()).contains("the size budget");
		api.audit("namespace=" + ns + "&action=bundle.render&outcome=failed",
				page -> page.get("totalEvents").asLong() >= 1);
		assertThat(api.auditCount("namespace=" + ns + "&action=bundle.render&outcome=failed", 1)).isEqualTo(1);
	}

	@Test
	void refusesWhatTemplatesMayNotReach() {
		for (var template : new String[] { "{{ _context }}", "{{ i18n('x', 'y') }}", "{{ 'now' | date('yyyy') }}",
				"{{ config.app.n.getClass() }}", "{{ config.app.n.TYPE }}", "{% include 'x' %}" }) {
			var refused = save("app", template).expectProblem(422, "bundle-render-failed");
			assertThat(refused.body()).as(template).doesNotContain("java.").doesNotContain("pebble");
		}
	}

	private Api.Reply save(String bundle, String template) {
		var body = JSON.createObjectNode();
		body.putArray("files")
			.addObject()
			.put("area", "configuration")
			.put("path", bundle + ".conf")
			.put("template", template);
		return api.put(base + "/bundles/" + bundle, ADMIN_TOKEN, JSON.writeValueAsString(body));
	}

}
