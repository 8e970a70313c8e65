package io.vaas.secret;

import java.util.Base64;

import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

@PostgresIntegrationTest
class SecretIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	Api api;

	String ns;

	String secrets;

	@BeforeEach
	void setUp() {
		api = new Api(port);
		ns = Api.unique("sec");
		api.namespace(ns);
		secrets = "/api/v1/namespaces/" + ns + "/secrets";
	}

	@Test
	void storesVersionsEncryptedAndRevealsThemOnlyToSecretReaders() {
		var created = api.put(secrets + "/db-password", ADMIN_TOKEN, "{\"value\":\"hunter2-v1\",\"comment\":\"first\"}")
			.expect(201);
		assertThat(created.json().get("version").asLong()).isEqualTo(1);
		assertThat(created.body()).doesNotContain("hunter2");
		api.put(secrets + "/db-password", ADMIN_TOKEN, "{\"value\":\"hunter2-v2\"}").expect(200);

		var metadata = api.get(secrets + "/db-password", ADMIN_TOKEN).expect(200);
		assertThat(metadata.body()).doesNotContain("hunter2");
		assertThat(metadata.json().get("latestVersion").asLong()).isEqualTo(2);
		assertThat(metadata.json().get("versions").get(0).get("comment").asString()).isEqualTo("first");
		assertThat(metadata.header("ETag")).isEqualTo("\"2\"");
		assertThat(api.get(secrets, ADMIN_TOKEN).expect(200).body()).contains("db-password").doesNotContain("hunter2");

		var stored = jdbc.queryForList("select ciphertext from secret_versions v join secrets s on s.id = v.secret_id "
				+ "where s.namespace = ?", byte[].class, ns);
		assertThat(stored).hasSize(2).allSatisfy(bytes -> {
			assertThat(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("hunter2");
			assertThat(bytes[0]).as("format byte").isEqualTo((byte) 1);
		});

		var reader = api.token(ns, "secret-reader");
		var latest = api.call("POST", secrets + "/db-password/reveal").token(reader).send().expect(200);
		assertThat(latest.json().get("value").asString()).isEqualTo("hunter2-v2");
		assertThat(latest.header("Cache-Control")).contains("no-store");
		assertThat(api.call("POST", secrets + "/db-password/reveal?version=1")
			.token(reader)
			.send()
			.expect(200)
			.json()
			.get("value")
			.asString()).isEqualTo("hunter2-v1");

		for (var role : new String[] { "viewer", "editor", "secret-writer" }) {
			var token = api.token(ns, role);
			api.call("POST", secrets + "/db-password/reveal").token(token).send().expectProblem(403, "forbidden");
		}
		api.put(secrets + "/db-password", api.token(ns, "editor"), "{\"value\":\"x\"}").expectProblem(403, "forbidden");
		api.put(secrets + "/db-password", api.token(ns, "secret-writer"), "{\"value\":\"hunter2-v3\"}").expect(200);
	}

	@Test
	void keepsBinaryValuesAsBytes() {
		var bytes = new byte[256];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) i;
		}
		var base64 = Base64.getEncoder().encodeToString(bytes);
		api.put(secrets + "/tls-key", ADMIN_TOKEN, "{\"valueBase64\":\"" + base64 + "\"}").expect(201);
		var revealed = api.call("POST", secrets + "/tls-key/reveal").token(ADMIN_TOKEN).send().expect(200).json();
		assertThat(revealed.get("valueBase64").asString()).isEqualTo(base64);
		assertThat(revealed.has("value")).isFalse();
		assertThat(api.get(secrets + "/tls-key", ADMIN_TOKEN).json().get("versions").get(0).get("encoding").asString())
			.isEqualTo("base64");
	}

	@Test
	void refusesBadSecretWritesWithoutEchoingThem() {
		api.put(secrets + "/s", ADMIN_TOKEN, "{}").expectProblem(422, "invalid-secret");
		api.put(secrets + "/s", ADMIN_TOKEN, "{\"value\":\"a\",\"valueBase64\":\"YQ==\"}")
			.expectProblem(422, "invalid-secret");
		var bad = api.put(secrets + "/s", ADMIN_TOKEN, "{\"valueBase64\":\"%%not-base64-marker%%\"}")
			.expectProblem(422, "invalid-secret");
		assertThat(bad.body()).doesNotContain("not-base64-marker");
		var tooBig = "{\"valueBase64\":\"" + Base64.getEncoder().encodeToString(new byte[1024 * 1024 + 1]) + "\"}";
		api.put(secrets + "/s", ADMIN_TOKEN, tooBig).expectProblem(422, "invalid-secret");
		api.put(secrets + "/s", ADMIN_TOKEN,
				"{\"valueBase64\":\"" + Base64.getEncoder().encodeToString(new byte[1024 * 1024]) + "\"}")
			.expect(201);
		api.put(secrets + "/t", ADMIN_TOKEN, "{\"value\":12}").expectProblem(400, "malformed-request");
		api.get(secrets + "/nope", ADMIN_TOKEN).expectProblem(404, "secret-not-found");
		api.call("POST", secrets + "/s/reveal?version=9")
			.token(ADMIN_TOKEN)
			.send()
			.expectProblem(404, "secret-version-not-found");
		api.call("PUT", secrets + "/s")
			.token(ADMIN_TOKEN)
			.header("If-Match", "\"7\"")
			.json("{\"value\":\"x\"}")
			.send()
			.expectProblem(412, "version-conflict");
	}

	@Test
	void destroysAVersionForGoodWhileOtherVersionsStillDecrypt() {
		api.put(secrets + "/api-key", ADMIN_TOKEN, "{\"value\":\"key-one\"}").expect(201);
		api.put(secrets + "/api-key", ADMIN_TOKEN, "{\"value\":\"key-two\"}").expect(200);
		api.put(secrets + "/api-key", ADMIN_TOKEN, "{\"value\":\"key-three\"}").expect(200);
		api.call("POST", secrets + "/api-key/reveal?version=2").token(ADMIN_TOKEN).send().expect(200);

		api.delete(secrets + "/api-key/versions/2", ADMIN_TOKEN).expect(204);
		api.delete(secrets + "/api-key/versions/2", ADMIN_TOKEN).expect(204);

		var row = jdbc.queryForMap("select v.ciphertext, v.wrapped_key, v.kek_id from secret_versions v "
				+ "join secrets s on s.id = v.secret_id where s.namespace = ? and v.version = 2", ns);
		assertThat(row.get("ciphertext")).as("the ciphertext may remain (e.g. in backups)").isNotNull();
		assertThat(row.get("wrapped_key")).as("its data key is gone").isNull();
		assertThat(row.get("kek_id")).isNull();

		api.call("POST", secrets + "/api-key/reveal?version=2")
			.token(ADMIN_TOKEN)
			.send()
			.expectProblem(410, "secret-version-destroyed");
		assertThat(api.call("POST", secrets + "/api-key/reveal?version=1")
			.token(ADMIN_TOKEN)
			.send()
			.expect(200)
			.json()
			.get("value")
			.asString()).isEqualTo("key-one");
		assertThat(api.call("POST", secrets + "/api-key/reveal?version=3")
			.token(ADMIN_TOKEN)
			.send()
			.expect(200)
			.json()
			.get("value")
			.asString()).isEqualTo("key-three");
		var info = api.get(secrets + "/api-key", ADMIN_TOKEN).json().get("versions").get(1);
		assertThat(info.get("destroyed").asBoolean()).isTrue();
		assertThat(info.get("destroyedBy").asString()).isEqualTo("bootstrap-admin");

		// Even with the other versions' key material restored onto it, the destroyed row
		// cannot be
		// decrypted: each data key is bound to its own namespace/name/version.
		jdbc.update("""
				update secret_versions set wrapped_key = (select wrapped_key from secret_versions o where o.secret_id =
				secret_versions.secret_id and o.version = 1), kek_id = (select kek_id from secret_versions o where
				o.secret_id = secret_versions.secret_id and o.version = 1), destroyed_at = null
				where version = 2 and secret_id = (select id from secrets where namespace = ? and name = 'api-key')""",
				ns);
		api.call("POST", secrets + "/api-key/reveal?version=2")
			.token(ADMIN_TOKEN)
			.send()
			.expectProblem(500, "decryption-failed");
		api.delete(secrets + "/api-key/versions/2", ADMIN_TOKEN).expect(204);
	}

	@Test
	void refusesACiphertextCopiedOntoAnotherRow() {
		api.put(secrets + "/a", ADMIN_TOKEN, "{\"value\":\"value-of-a\"}").expect(201);
		api.put(secrets + "/b", ADMIN_TOKEN, "{\"value\":\"value-of-b\"}").expect(201);
		var copyCiphertext = """
				update secret_versions set ciphertext = (select v.ciphertext from secret_versions v join secrets s on
				s.id = v.secret_id where s.namespace = ? and s.name = 'a')
				where secret_id = (select id from secrets where namespace = ? and name = 'b')""";
		jdbc.update(copyCiphertext, ns, ns);
		var refused = api.call("POST", secrets + "/b/reveal")
			.token(ADMIN_TOKEN)
			.send()
			.expectProblem(500, "decryption-failed");
		assertThat(refused.body()).doesNotContain("value-of-a");

		var copyAll = """
				update secret_versions set (ciphertext, wrapped_key, kek_id) = (select v.ciphertext, v.wrapped_key, v.kek_id
				from secret_versions v join secrets s on s.id = v.secret_id where s.namespace = ? and s.name = 'a')
				where secret_id = (select id from secrets where namespace = ? and name = 'b')""";
		jdbc.update(copyAll, ns, ns);
		api.call("POST", secrets + "/b/reveal").token(ADMIN_TOKEN).send().expectProblem(500, "decryption-failed");
		assertThat(api.call("POST", secrets + "/a/reveal")
			.token(ADMIN_TOKEN)
			.send()
			.expect(200)
			.json()
			.get("value")
			.asString()).isEqualTo("value-of-a");
		// Key rotation passes over such a record and reports it as unreadable.
		var rotation = api.call("POST", "/api/v1/keys/rotate").token(ADMIN_TOKEN).send().expect(200).json();
		assertThat(rotation.get("unreadable").asLong()).isGreaterThanOrEqualTo(1);
		assertThat(rotation.get("remaining").asLong()).isGreaterThanOrEqualTo(1);
		assertThat(api.call("POST", secrets + "/a/reveal")
			.token(ADMIN_TOKEN)
			.send()
			.expect(200)
			.json()
			.get("value")
			.asString()).isEqualTo("value-of-a");
		api.delete(secrets + "/b/versions/1", ADMIN_TOKEN).expect(204);
	}

}
