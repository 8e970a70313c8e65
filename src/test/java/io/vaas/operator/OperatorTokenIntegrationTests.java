package io.vaas.operator;

import java.time.Instant;

import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.beans.factory.annotation.Autowired;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

@PostgresIntegrationTest
class OperatorTokenIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	Api api;

	String ns;

	String config;

	@BeforeEach
	void setUp() {
		api = new Api(port);
		ns = Api.unique("ops");
		api.namespace(ns);
		config = "/api/v1/namespaces/" + ns + "/configs/app";
		api.put(config, ADMIN_TOKEN, "{\"data\":{\"a\":1}}").expect(201);
	}

	@Test
	void letsAViewerReadButNotWrite() {
		var viewer = api.token(ns, "viewer");
		assertThat(viewer).startsWith("vaas_op_").hasSize("vaas_op_".length() + 46);

		api.get(config, viewer).expect(200);
		api.get(config + "/versions", viewer).expect(200);
		api.get("/api/v1/namespaces/" + ns, viewer).expect(200);
		api.put(config, viewer, "{\"data\":{\"a\":2}}").expectProblem(403, "forbidden");
		api.post(config + "/rollback", viewer, "{\"version\":1}").expectProblem(403, "forbidden");
		api.put("/api/v1/namespaces/" + Api.unique("other"), viewer, "").expectProblem(403, "forbidden");
		api.post("/api/v1/tokens", viewer,
				"{\"name\":\"x\",\"roles\":[{\"namespace\":\"" + ns + "\",\"role\":\"viewer\"}]}")
			.expectProblem(403, "forbidden");
		assertThat(api.get(config, ADMIN_TOKEN).json().get("version").asLong()).as("nothing written").isEqualTo(1);
	}

	@Test
	void enforcesRolesPerNamespace() {
		var other = Api.unique("other");
		api.namespace(other);
		api.put("/api/v1/namespaces/" + other + "/configs/app", ADMIN_TOKEN, "{\"data\":{\"a\":1}}").expect(201);
		var editor = api.token(ns, "editor");

		api.put(config, editor, "{\"data\":{\"a\":2}}").expect(200);
		api.get("/api/v1/namespaces/" + other + "/configs/app", editor).expectProblem(403, "forbidden");
		api.put("/api/v1/namespaces/" + ns, editor, "").expectProblem(403, "forbidden");
		assertThat(api.get("/api/v1/namespaces", editor).expect(200).body()).contains(ns).doesNotContain(other);

		for (var role : new String[] { "secret-writer", "secret-reader" }) {
			var token = api.token(ns, role);
			api.get(config, token).expect(200);
			api.put(config, token, "{\"data\":{\"a\":3}}").expectProblem(403, "forbidden");
		}
	}

	@Test
	void letsANamespaceAdminGrantOnlyInsideItsNamespace() {
		var admin = api.token(ns, "admin");
		var reply = api
			.post("/api/v1/tokens", admin,
					"{\"name\":\"" + Api.unique("ci") + "\",\"roles\":[{\"namespace\":\"" + ns
							+ "\",\"role\":\"editor\"}]}")
			.expect(201);
		api.put(config, reply.json().get("token").asString(), "{\"data\":{\"a\":5}}").expect(200);

		api.post("/api/v1/tokens", admin, "{\"name\":\"wide\",\"roles\":[{\"namespace\":\"*\",\"role\":\"viewer\"}]}")
			.expectProblem(403, "forbidden");
		api.post("/api/v1/tokens", admin,
				"{\"name\":\"elsewhere\",\"roles\":[{\"namespace\":\"" + Api.unique("x") + "\",\"role\":\"viewer\"}]}")
			.expectProblem(403, "forbidden");

		var listed = api.get("/api/v1/tokens", admin).expect(200).json();
		for (var token : listed) {
			assertThat(token.get("bootstrap").asBoolean()).as("a namespace admin does not see the superuser").isFalse();
		}
	}

	@Test
	void listsTokensWithoutTheirValuesAndRevokesThem() {
		var name = Api.unique("deploy");
		var created = api
			.post("/api/v1/tokens", ADMIN_TOKEN,
					"{\"name\":\"" + name + "\",\"roles\":[{\"namespace\":\"" + ns + "\",\"role\":\"editor\"}]}")
			.expect(201);
		var value = created.json().get("token").asString();
		var id = created.json().get("details").get("id").asString();
		assertThat(created.header("Cache-Control")).contains("no-store");

		var list = api.get("/api/v1/tokens", ADMIN_TOKEN).expect(200);
		assertThat(list.body()).contains(name).doesNotContain(value).doesNotContain(ADMIN_TOKEN);
		var hash = jdbc.queryForObject("select token_hash from operator_tokens where id = ?::uuid", byte[].class, id);
		assertThat(hash).as("stored as its SHA-256 only").hasSize(32);
		assertThat(jdbc.queryForObject("select count(*) from operator_tokens where cast(token_hash as varchar) like ?",
				Integer.class, "%" + value + "%"))
			.isZero();

		api.put(config, value, "{\"data\":{\"a\":2}}").expect(200);
		api.delete("/api/v1/tokens/" + id, ADMIN_TOKEN).expect(204);
		api.put(config, value, "{\"data\":{\"a\":3}}").expectProblem(401, "invalid-token");
		assertThat(api.get("/api/v1/tokens", ADMIN_TOKEN).body()).contains("\"status\":\"revoked\"");
		api.delete("/api/v1/tokens/" + java.util.UUID.randomUUID(), ADMIN_TOKEN).expectProblem(404, "token-not-found");
	}

	@Test
	void refusesExpiredTokens() {
		var name = Api.unique("short");
		var id = api
			.post("/api/v1/tokens", ADMIN_TOKEN,
					"{\"name\":\"" + name + "\",\"roles\":[{\"namespace\":\"" + ns
							+ "\",\"role\":\"viewer\"}],\"expiresAt\":\"" + Instant.now().plusSeconds(3600) + "\"}")
			.expect(201)
			.json();
		var token = id.get("token").asString();
		api.get(config, token).expect(200);
		jdbc.update("update operator_tokens set expires_at = ? where id = ?::uuid",
				java.sql.Timestamp.from(Instant.now().minusSeconds(1)), id.get("details").get("id").asString());
		api.get(config, token).expectProblem(401, "invalid-token");
		// An expired token's name is free again.
		api.post("/api/v1/tokens", ADMIN_TOKEN,
				"{\"name\":\"" + name + "\",\"roles\":[{\"namespace\":\"" + ns + "\",\"role\":\"viewer\"}]}")
			.expect(201);
		api.post("/api/v1/tokens", ADMIN_TOKEN,
				"{\"name\":\"past\",\"roles\":[{\"namespace\":\"" + ns
						+ "\",\"role\":\"viewer\"}],\"expiresAt\":\"2020-01-01T00:00:00Z\"}")
			.expectProblem(422, "validation-failed");
	}

	@Test
	void refusesBadTokenRequests() {
		var name = Api.unique("dup");
		var body = "{\"name\":\"" + name + "\",\"roles\":[{\"namespace\":\"" + ns + "\",\"role\":\"viewer\"}]}";
		api.post("/api/v1/tokens", ADMIN_TOKEN, body).expect(201);
		api.post("/api/v1/tokens", ADMIN_TOKEN, body).expectProblem(409, "token-name-taken");
		api.post("/api/v1/tokens", ADMIN_TOKEN,
				"{\"name\":\"r\",\"roles\":[{\"namespace\":\"" + ns + "\",\"role\":\"owner\"}]}")
			.expectProblem(422, "validation-failed");
		api.post("/api/v1/tokens", ADMIN_TOKEN, "{\"name\":\"r\",\"roles\":[]}")
			.expectProblem(422, "validation-failed");
		api.post("/api/v1/tokens", ADMIN_TOKEN, "{\"roles\":[]}").expectProblem(422, "validation-failed");
		var twice = "{\"namespace\":\"" + ns + "\",\"role\":\"viewer\"}";
		api.post("/api/v1/tokens", ADMIN_TOKEN, "{\"name\":\"r\",\"roles\":[" + twice + "," + twice + "]}")
			.expectProblem(422, "validation-failed");
		var many = String.join(",", java.util.Collections.nCopies(101, twice));
		api.post("/api/v1/tokens", ADMIN_TOKEN, "{\"name\":\"r\",\"roles\":[" + many + "]}")
			.expectProblem(422, "validation-failed");
		api.post("/api/v1/tokens", ADMIN_TOKEN,
				"{\"name\":\"r\",\"roles\":[{\"namespace\":\"Bad_NS\",\"role\":\"viewer\"}]}")
			.expectProblem(400, "invalid-name");
	}

	@Test
	void refusesMalformedAndUnknownBearerTokens() {
		var tampered = api.token(ns, "viewer");
		var flipped = tampered.substring(0, 10) + (tampered.charAt(10) == 'a' ? 'b' : 'a') + tampered.substring(11);
		api.get(config, flipped).expectProblem(401, "invalid-token");
		api.get(config, "vaas_op_" + "A".repeat(46)).expectProblem(401, "invalid-token");
		api.get(config, "not-a-token").expectProblem(401, "invalid-token");
		var basic = api.call("GET", config).header("Authorization", "Basic dXNlcjpwYXNz").send();
		basic.expectProblem(401, "invalid-token");
		var none = api.call("GET", config).send().expectProblem(401, "unauthorized");
		assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
	}

}
