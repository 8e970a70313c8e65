package io.vaas.delivery;

import io.vaas.support.Agents;
import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fleet view: which revision each agent of a bundle runs, which lag the latest, and
 * how many run each revision while a rollout converges.
 */
@PostgresIntegrationTest
class FleetIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	javax.sql.DataSource dataSource;

	Api api;

	Agents agents;

	String ns;

	String base;

	@BeforeEach
	void setUp() {
		api = new Api(port);
		agents = new Agents(api);
		ns = Api.unique("fleet");
		api.namespace(ns);
		base = "/api/v1/namespaces/" + ns;
		api.put(base + "/configs/app", ADMIN_TOKEN, "{\"data\":{\"port\":1}}").expect(201);
		api.put(base + "/bundles/app", ADMIN_TOKEN,
				"{\"files\":[{\"area\":\"configuration\",\"path\":\"app.conf\",\"template\":\"port={{ config.app.port }}\"}]}")
			.expect(201);
		agents.bundle(ns, "other");
	}

	@Test
	void showsWhichRevisionEachAgentRunsAndWhichLag() {
		var first = agents.accessToken(agents.seed(ns, "app", "{}"));
		var second = agents.accessToken(agents.seed(ns, "app", "{}"));
		var third = agents.accessToken(agents.seed(ns, "app", "{}"));
		agents.accessToken(agents.seed(ns, "other", "{}"));
		fetchAndApply(first);
		fetchAndApply(second);

		var before = api.get(base + "/bundles/app/agents", ADMIN_TOKEN).expect(200).json();
		assertThat(before.get("latestRevision").asLong()).isEqualTo(1);
		assertThat(before.get("agents").size()).as("the other bundle's agent is not in this fleet").isEqualTo(3);
		assertThat(before.get("lagging").asLong()).as("the third has fetched nothing").isEqualTo(1);
		assertThat(before.get("revisions").toString()).isEqualTo("{\"1\":2,\"none\":1}");

		api.put(base + "/bundles/app", ADMIN_TOKEN,
				"{\"files\":[{\"area\":\"configuration\",\"path\":\"app.conf\",\"template\":\"port = {{ config.app.port }}\"}]}")
			.expect(200);
		fetchAndApply(first);
		fetch(second);
		var during = api.get(base + "/bundles/app/agents", ADMIN_TOKEN).expect(200).json();
		assertThat(during.get("latestRevision").asLong()).isEqualTo(2);
		assertThat(during.get("revisions").toString()).as("fetched but not applied: still runs what it applied")
			.isEqualTo("{\"2\":1,\"1\":1,\"none\":1}");
		assertThat(during.get("lagging").asLong()).isEqualTo(2);
		for (var agent : during.get("agents")) {
			assertThat(agent.get("lagging").asBoolean()).as("%s", agent)
				.isEqualTo(!agent.has("revision") || agent.get("revision").asLong() < 2);
		}

		api.put(base + "/configs/app", ADMIN_TOKEN, "{\"data\":{\"port\":2}}").expect(200);
		var afterConfig = api.get(base + "/bundles/app/agents", ADMIN_TOKEN).expect(200).json();
		assertThat(afterConfig.get("lagging").asLong()).as("a config change: the files differ, the revision does not")
			.isEqualTo(3);

		fetchAndApply(first);
		fetchAndApply(second);
		fetchAndApply(third);
		var after = api.get(base + "/bundles/app/agents", ADMIN_TOKEN).expect(200).json();
		assertThat(after.get("lagging").asLong()).as("the rollout converged").isZero();
		assertThat(after.get("revisions").toString()).isEqualTo("{\"2\":3}");

		var filtered = api.get(base + "/agents?bundle=other", ADMIN_TOKEN).expect(200).json();
		assertThat(filtered.size()).isEqualTo(1);
		assertThat(filtered.get(0).get("bundle").asString()).isEqualTo("other");
		assertThat(api.get(base + "/agents", ADMIN_TOKEN).json().size()).isEqualTo(4);
	}

	@Test
	void revokedAgentsLeaveTheFleetAndUnknownBundlesAre404() {
		var token = agents.accessToken(agents.seed(ns, "app", "{}"));
		fetchAndApply(token);
		var id = api.get(base + "/agents", ADMIN_TOKEN).json().get(0).get("id").asString();
		api.delete(base + "/agents/" + id, ADMIN_TOKEN).expect(204);
		assertThat(api.get(base + "/bundles/app/agents", ADMIN_TOKEN).expect(200).json().get("agents").size()).isZero();
		api.get(base + "/bundles/none/agents", ADMIN_TOKEN).expect(404);
		var viewer = api.token(ns, "viewer");
		api.get(base + "/bundles/app/agents", viewer).expect(200);
	}

	/**
	 * A fetch answers without waiting for its session's row: here the row is locked by
	 * another transaction the whole time, and the fleet view shows the fetch once it is
	 * released.
	 */
	@Test
	void aFetchIsAnsweredWhileItsSessionRowIsLockedAndShownAfter() throws Exception {
		var token = agents.accessToken(agents.seed(ns, "app", "{}"));
		var id = api.get(base + "/agents", ADMIN_TOKEN).json().get(0).get("id").asString();
		String digest;
		try (var connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (var lock = connection.prepareStatement("select id from agent_sessions where id = ? for update")) {
				lock.setObject(1, java.util.UUID.fromString(id));
				lock.executeQuery().close();
			}
			var started = System.nanoTime();
			digest = fetch(token);
			assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
				.as("answered while the session's row stays locked")
				.isLessThan(java.time.Duration.ofSeconds(5));
			connection.rollback();
		}
		var agent = api.get(base + "/agents", ADMIN_TOKEN).json().get(0);
		assertThat(agent.get("lastDigestFetched").asString()).isEqualTo(digest);
		assertThat(agent.get("lastRevisionFetched").asLong()).isEqualTo(1);
	}

	private String fetch(String token) {
		return api.call("GET", "/api/v1/agent/bundle").token(token).send().expect(200).json().get("digest").asString();
	}

	private void fetchAndApply(String token) {
		var digest = fetch(token);
		api.call("POST", "/api/v1/agent/applied")
			.token(token)
			.json("{\"digest\":\"" + digest + "\"}")
			.send()
			.expect(204);
	}

}
