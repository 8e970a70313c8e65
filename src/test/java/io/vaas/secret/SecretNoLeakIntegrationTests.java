package io.vaas.secret;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stores secrets that carry a unique marker, calls every endpoint — failing calls
 * included — with DEBUG logging, and finds the marker nowhere but in the reveal answers.
 */
@PostgresIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class SecretNoLeakIntegrationTests {

	@LocalServerPort
	int port;

	Api api;

	LoggingSystem logging;

	@BeforeEach
	void setUp() {
		api = new Api(port);
		logging = LoggingSystem.get(getClass().getClassLoader());
		logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.DEBUG);
	}

	@AfterEach
	void restoreLogging() {
		logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.INFO);
	}

	@Test
	void leaksNoSecretValueAnywhere(CapturedOutput output) {
		var marker = "LEAKMARKER" + Api.unique("x").replace("-", "");
		var markerBase64 = Base64.getEncoder().encodeToString((marker + "-bytes").getBytes(StandardCharsets.UTF_8));
		var ns = Api.unique("leak");
		api.namespace(ns);
		var secrets = "/api/v1/namespaces/" + ns + "/secrets";
		var bodies = new ArrayList<String>();
		var reader = api.token(ns, "secret-reader");
		var viewer = api.token(ns, "viewer");

		// Successful calls.
		bodies.add(api.put(secrets + "/text", ADMIN_TOKEN, "{\"value\":\"" + marker + "\"}").expect(201).body());
		bodies.add(api.put(secrets + "/text", ADMIN_TOKEN, "{\"value\":\"" + marker + "-v2\",\"comment\":\"c\"}")
			.expect(200)
			.body());
		bodies.add(api.put(secrets + "/bytes", ADMIN_TOKEN, "{\"valueBase64\":\"" + markerBase64 + "\"}")
			.expect(201)
			.body());
		bodies.add(api.get(secrets, ADMIN_TOKEN).expect(200).body());
		bodies.add(api.get(secrets + "/text", ADMIN_TOKEN).expect(200).body());
		var revealed = api.call("POST", secrets + "/text/reveal?version=1").token(reader).send().expect(200);
		assertThat(revealed.body()).as("the marker is visible where it should be").contains(marker);
		var revealedBytes = api.call("POST", secrets + "/bytes/reveal").token(reader).send().expect(200);
		assertThat(revealedBytes.body()).contains(markerBase64);
		bodies.add(api.call("POST", "/api/v1/keys/rotate?batchSize=1").token(ADMIN_TOKEN).send().expect(200).body());
		bodies.add(api.delete(secrets + "/text/versions/1", ADMIN_TOKEN).expect(204).body());

		// Failing calls that carry the value.
		bodies.add(api.call("POST", secrets + "/text/reveal?version=1").token(reader).send().expect(410).body());
		bodies.add(api.put(secrets + "/text", viewer, "{\"value\":\"" + marker + "\"}").expect(403).body());
		bodies.add(api.call("POST", secrets + "/text/reveal").token(viewer).send().expect(403).body());
		bodies
			.add(api.put(secrets + "/text", "vaas_op_" + marker, "{\"value\":\"" + marker + "\"}").expect(401).body());
		bodies.add(api.call("PUT", secrets + "/text")
			.token(ADMIN_TOKEN)
			.header("If-Match", "\"99\"")
			.json("{\"value\":\"" + marker + "\"}")
			.send()
			.expect(412)
			.body());
		bodies.add(api.put(secrets + "/text", ADMIN_TOKEN, "{\"value\":\"" + marker + "\"").expect(400).body());
		bodies.add(api.put(secrets + "/text", ADMIN_TOKEN, "{\"value\":[\"" + marker + "\"]}").expect(400).body());
		bodies.add(api.put(secrets + "/text", ADMIN_TOKEN, "{\"value\":{\"" + marker + "\":1}}").expect(400).body());
		bodies
			.add(api.put(secrets + "/text", ADMIN_TOKEN, "{\"valueBase64\":\"" + marker + "!!\"}").expect(422).body());
		bodies.add(api.put(secrets + "/text", ADMIN_TOKEN,
				"{\"value\":\"" + marker + "\",\"valueBase64\":\"" + markerBase64 + "\"}")
			.expect(422)
			.body());
		bodies.add(api.put(secrets + "/text", ADMIN_TOKEN, "{\"value\":\"" + marker.repeat(120_000) + "\"}")
			.expect(413)
			.body());
		bodies.add(api.put("/api/v1/namespaces/" + Api.unique("none") + "/secrets/x", ADMIN_TOKEN,
				"{\"value\":\"" + marker + "\"}")
			.expect(404)
			.body());
		bodies.add(api.call("PUT", secrets + "/text")
			.token(ADMIN_TOKEN)
			.body("text/plain", marker.getBytes())
			.send()
			.expect(415)
			.body());

		// What an operator or a scraper can read.
		bodies.add(api.get("/api/v1/audit?size=500", ADMIN_TOKEN).expect(200).body());
		bodies.add(api.get("/api/v1/keys", ADMIN_TOKEN).expect(200).body());
		bodies.add(api.call("GET", "/actuator/prometheus").send().expect(200).body());
		bodies.add(api.call("GET", "/v3/api-docs").send().expect(200).body());

		assertThat(bodies).allSatisfy(body -> assertThat(body).doesNotContain(marker).doesNotContain(markerBase64));
		assertThat(output.getAll()).as("DEBUG log output")
			.isNotEmpty()
			.doesNotContain(marker)
			.doesNotContain(markerBase64);
		assertThat(output.getAll()).as("DEBUG logging was on").contains("DEBUG");
	}

}
