package io.vaas.trust;

import java.util.ArrayList;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.vaas.support.Agents;
import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trusts over HTTP: put, read, list, delete, the rules a body must keep, roles, audit.
 */
@PostgresIntegrationTest
class TrustIntegrationTests {

	static final String KUBERNETES = """
			{"issuer":"https://kubernetes.default.svc.cluster.local",
			 "jwksUri":"https://kubernetes.default.svc.cluster.local/openid/v1/jwks",
			 "audiences":["vaas","vaas"], "subject":"system:serviceaccount:shop:*",
			 "claims":{"/kubernetes.io/namespace":"shop"},
			 "areas":["configuration","secret"], "ttl":"PT15M"}""";

	@LocalServerPort
	int port;

	Api api;

	String ns;

	String base;

	@BeforeEach
	void setUp() {
		api = new Api(port);
		ns = Api.unique("trust");
		api.namespace(ns);
		new Agents(api).bundle(ns, "app");
		base = "/api/v1/namespaces/" + ns + "/bundles/app/trusts";
	}

	@Test
	void putsReadsListsReplacesAndDeletesATrust() {
		var created = api.put(base + "/k8s", ADMIN_TOKEN, KUBERNETES).expect(201).json();
		assertThat(created.get("name").asString()).isEqualTo("k8s");
		assertThat(created.get("bundle").asString()).isEqualTo("app");
		assertThat(created.get("issuer").asString()).isEqualTo("https://kubernetes.default.svc.cluster.local");
		assertThat(created.get("audiences").toString()).as("duplicates dropped").isEqualTo("[\"vaas\"]");
		assertThat(created.get("claims").get("/kubernetes.io/namespace").asString()).isEqualTo("shop");
		assertThat(created.get("ttl").asString()).isEqualTo("PT15M");
		assertThat(created.get("createdBy").asString()).isEqualTo("bootstrap-admin");

		var read = api.get(base + "/k8s", ADMIN_TOKEN).expect(200).json();
		assertThat(read.get("subject").asString()).isEqualTo("system:serviceaccount:shop:*");
		assertThat(read.get("areas").toString()).isEqualTo("[\"configuration\",\"secret\"]");

		var replaced = api
			.put(base + "/k8s", ADMIN_TOKEN,
					"{\"issuer\":\"https://issuer.example\",\"audiences\":[\"vaas\"],\"subject\":\"*\"}")
			.expect(200)
			.json();
		assertThat(replaced.get("issuer").asString()).isEqualTo("https://issuer.example");
		assertThat(replaced.has("jwksUri")).as("replaced as a whole").isFalse();
		assertThat(replaced.get("ttl").asString()).as("the default").isEqualTo("PT15M");
		assertThat(replaced.get("areas").size()).as("default: every area").isEqualTo(4);

		api.put(base + "/ci", ADMIN_TOKEN, "{\"issuer\":\"https://token.actions.githubusercontent.com\","
				+ "\"audiences\":[\"vaas\"],\"subject\":\"repo:acme/shop:*\",\"claims\":{\"repository_owner\":\"acme\"}}")
			.expect(201);
		var names = new ArrayList<String>();
		api.get(base, ADMIN_TOKEN).expect(200).json().forEach(trust -> names.add(trust.get("name").asString()));
		assertThat(names).containsExactly("ci", "k8s");

		api.delete(base + "/k8s", ADMIN_TOKEN).expect(204);
		api.get(base + "/k8s", ADMIN_TOKEN).expectProblem(404, "trust-not-found");
		api.delete(base + "/k8s", ADMIN_TOKEN).expectProblem(404, "trust-not-found");

		var actions = new ArrayList<String>();
		api.get("/api/v1/audit?namespace=" + ns + "&size=100", ADMIN_TOKEN)
			.expect(200)
			.json()
			.get("events")
			.forEach(event -> actions.add(event.get("action").asString() + " " + event.path("resource").asString()));
		assertThat(actions).containsSubsequence("trust.delete app/k8s", "trust.create app/ci", "trust.replace app/k8s",
				"trust.create app/k8s");
	}

	@Test
	void keepsStaticPublicKeysAndRefusesPrivateOrSharedOnes() throws Exception {
		var key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
		var body = "{\"issuer\":\"https://issuer.example\",\"jwks\":{\"keys\":[%s]},\"audiences\":[\"vaas\"],"
				+ "\"subject\":\"*\"}";
		var stored = api.put(base + "/static", ADMIN_TOKEN, body.formatted(key.toPublicJWK().toJSONString()))
			.expect(201)
			.json();
		assertThat(stored.get("jwks").get("keys").get(0).get("kid").asString()).isEqualTo("k1");
		assertThat(stored.get("jwks").get("keys").get(0).has("d")).isFalse();

		var refused = api.put(base + "/private", ADMIN_TOKEN, body.formatted(key.toJSONString()))
			.expectProblem(400, "invalid-trust");
		assertThat(refused.json().get("field").asString()).isEqualTo("jwks");
		assertThat(refused.body()).as("no key material echoed").doesNotContain(key.getD().toString());
		api.put(base + "/shared", ADMIN_TOKEN,
				body.formatted("{\"kty\":\"oct\",\"k\":\"c2VjcmV0LXNlY3JldC1zZWNyZXQ\"}"))
			.expectProblem(400, "invalid-trust");
		api.get(base + "/private", ADMIN_TOKEN).expectProblem(404, "trust-not-found");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					issuer       | {"audiences":["vaas"],"subject":"*"}
					issuer       | {"issuer":"http://issuer.example","audiences":["vaas"],"subject":"*"}
					issuer       | {"issuer":"https://user@issuer.example","audiences":["vaas"],"subject":"*"}
					jwksUri      | {"issuer":"https://issuer.example","jwksUri":"ftp://keys","audiences":["vaas"],"subject":"*"}
					jwks         | {"issuer":"https://issuer.example","jwksUri":"https://k.example","jwks":{"keys":[]},"audiences":["vaas"],"subject":"*"}
					jwks         | {"issuer":"https://issuer.example","jwks":{"keys":[]},"audiences":["vaas"],"subject":"*"}
					audiences    | {"issuer":"https://issuer.example","subject":"*"}
					audiences    | {"issuer":"https://issuer.example","audiences":[],"subject":"*"}
					audiences    | {"issuer":"https://issuer.example","audiences":[""],"subject":"*"}
					subject      | {"issuer":"https://issuer.example","audiences":["vaas"]}
					subject      | {"issuer":"https://issuer.example","audiences":["vaas"],"subject":"a\\u0000b"}
					claims       | {"issuer":"https://issuer.example","audiences":["vaas"],"subject":"*","claims":{"a b":"x"}}
					claims       | {"issuer":"https://issuer.example","audiences":["vaas"],"subject":"*","claims":{"/a~2":"x"}}
					claims       | {"issuer":"https://issuer.example","audiences":["vaas"],"subject":"*","claims":{"a":""}}
					areas        | {"issuer":"https://issuer.example","audiences":["vaas"],"subject":"*","areas":["data"]}
					areas        | {"issuer":"https://issuer.example","audiences":["vaas"],"subject":"*","areas":[]}
					ttl          | {"issuer":"https://issuer.example","audiences":["vaas"],"subject":"*","ttl":"P31D"}
					ttl          | {"issuer":"https://issuer.example","audiences":["vaas"],"subject":"*","ttl":"PT30S"}
					""")
	void refusesABrokenRuleNamingTheFieldAndStoresNothing(String field, String body) {
		var refused = api.put(base + "/broken", ADMIN_TOKEN, body).expectProblem(400, "invalid-trust");
		assertThat(refused.json().get("field").asString()).isEqualTo(field);
		assertThat(refused.json().get("detail").asString()).startsWith(field + ": ");
		api.get(base + "/broken", ADMIN_TOKEN).expectProblem(404, "trust-not-found");
	}

	@Test
	void editorsChangeTrustsAndAnyRoleReadsThem() {
		var viewer = api.token(ns, "viewer");
		api.put(base + "/k8s", viewer, KUBERNETES).expectProblem(403, "forbidden");
		api.put(base + "/k8s", api.token(ns, "editor"), KUBERNETES).expect(201);
		api.get(base + "/k8s", viewer).expect(200);
		api.get(base, viewer).expect(200);
		api.delete(base + "/k8s", viewer).expectProblem(403, "forbidden");
		api.put("/api/v1/namespaces/" + ns + "/bundles/none/trusts/k8s", ADMIN_TOKEN, KUBERNETES)
			.expectProblem(404, "bundle-not-found");
		api.put(base + "/k8s", ADMIN_TOKEN, "{\"issuer\":\"https://issuer.example\",\"unknown\":1}").expect(400);
	}

}
