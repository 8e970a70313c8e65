package io.vaas.shared;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import org.apache.coyote.Response;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web server's servlet response buffers are 2 KiB
 * ({@link LeanResponseBuffersProtocol}), and answers larger than that still arrive whole.
 */
@PostgresIntegrationTest
class ResponseBuffersIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	WebServerApplicationContext context;

	@Test
	void everyRequestGetsTheSmallerResponseBuffer() {
		var connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();
		assertThat(connector.getProtocolHandler()).isInstanceOf(LeanResponseBuffersProtocol.class);
		assertThat(connector.createResponse(new Response()).getBufferSize()).isEqualTo(2048);
	}

	/**
	 * An answer of MVC's JSON between 2 and 8 KiB (written past the buffer, and flushed
	 * by the converter, so sent chunked with either size) arrives whole.
	 */
	@Test
	void answersLargerThanTheBufferArriveWhole() {
		var api = new Api(port);
		var namespace = Api.unique("buffers");
		api.namespace(namespace);
		var data = IntStream.range(0, 100)
			.mapToObj(i -> "\"k%03d\":\"%s\"".formatted(i, "v".repeat(30)))
			.collect(Collectors.joining(",", "{", "}"));
		var config = "/api/v1/namespaces/" + namespace + "/configs/big";
		api.put(config, ADMIN_TOKEN, "{\"data\":" + data + "}").expect(201);
		var reply = api.get(config, ADMIN_TOKEN).expect(200);
		assertThat(reply.body().length()).isBetween(3_000, 8_000);
		assertThat(reply.header("Transfer-Encoding")).isEqualTo("chunked");
		assertThat(reply.json().get("data")).isEqualTo(Api.parse(data));
	}

}
