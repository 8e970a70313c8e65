package io.vaas.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static io.vaas.support.Api.ADMIN_TOKEN;

/** Seeds and exchanges over real HTTP, as an operator and an agent would. */
public final class Agents {

	public static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

	public static final String SEED_TYPE = "urn:vaas:params:token-type:seed";

	private final Api api;

	public Agents(Api api) {
		this.api = api;
	}

	/** A namespace with a bundle named {@code app}. */
	public void bundle(String ns, String bundle) {
		api.put("/api/v1/namespaces/" + ns + "/bundles/" + bundle, ADMIN_TOKEN, "{\"files\":[]}").expect(201);
	}

	/** Creates a seed and returns its token. */
	public String seed(String ns, String bundle, String json) {
		return api.post("/api/v1/namespaces/" + ns + "/bundles/" + bundle + "/seeds", ADMIN_TOKEN, json)
			.expect(201)
			.json()
			.get("token")
			.asString();
	}

	public Api.Reply exchange(String seed) {
		return exchangeCall(seed).send();
	}

	/** An exchange through a proxy that reports the client as {@code forwardedFor}. */
	public Api.Reply exchangeFrom(String seed, String forwardedFor) {
		return exchangeCall(seed).header("X-Forwarded-For", forwardedFor).send();
	}

	private Api.Call exchangeCall(String seed) {
		var form = "grant_type=" + encode(TOKEN_EXCHANGE) + "&subject_token=" + encode(seed) + "&subject_token_type="
				+ encode(SEED_TYPE);
		return api.call("POST", "/api/v1/auth/token")
			.body("application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));
	}

	/** An identity token exchanged for the bundle {@code resource} (none when null). */
	public Api.Reply exchangeIdentity(String token, @org.jspecify.annotations.Nullable String resource) {
		var form = "grant_type=" + encode(TOKEN_EXCHANGE) + "&subject_token=" + encode(token) + "&subject_token_type="
				+ encode("urn:ietf:params:oauth:token-type:jwt")
				+ (resource == null ? "" : "&resource=" + encode(resource));
		return post(form);
	}

	/** A key seed's assertion exchanged (RFC 7523). */
	public Api.Reply exchangeAssertion(String assertion) {
		return post("grant_type=" + encode("urn:ietf:params:oauth:grant-type:jwt-bearer") + "&assertion="
				+ encode(assertion));
	}

	private Api.Reply post(String form) {
		return api.call("POST", "/api/v1/auth/token")
			.body("application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8))
			.send();
	}

	/** Exchanges a seed and returns the access token. */
	public String accessToken(String seed) {
		return exchange(seed).expect(200).json().get("access_token").asString();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
