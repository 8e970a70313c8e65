package io.vaas;

import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Stable, readable operation ids ({@code createBundle}, not {@code create_2}): clients
 * generated from the document and Swagger UI's deep links keep working when a controller
 * method is renamed. Every operation must be listed (a test checks it).
 */
@Configuration(proxyBeanMethods = false)
class OperationIds {

	static final String NS = "/api/v1/namespaces/{ns}";

	/** {@code METHOD path} → operation id. */
	static final Map<String, String> IDS = Map.ofEntries(Map.entry("GET /.well-known/jwks.json", "getJwks"),
			Map.entry("POST /api/v1/agent/applied", "reportApplied"),
			Map.entry("GET /api/v1/agent/bundle", "fetchBundle"),
			Map.entry("GET /api/v1/agent/session", "getAgentSession"),
			Map.entry("POST /api/v1/auth/token", "exchangeToken"), Map.entry("POST /api/v1/auth/renew", "renewToken"),
			Map.entry("GET /api/v1/audit", "searchAudit"), Map.entry("POST /api/v1/audit/verify", "verifyAudit"),
			Map.entry("GET /api/v1/keys", "listKeys"), Map.entry("POST /api/v1/keys/rotate", "rotateKeys"),
			Map.entry("POST /api/v1/keys/rewrap", "rewrapKeys"), Map.entry("DELETE /api/v1/keys/{id}", "removeKey"),
			Map.entry("POST /api/v1/keys/signing/rotate", "rotateSigningKey"),
			Map.entry("GET /api/v1/tokens", "listTokens"), Map.entry("POST /api/v1/tokens", "createToken"),
			Map.entry("DELETE /api/v1/tokens/{id}", "revokeToken"),
			Map.entry("GET /api/v1/namespaces", "listNamespaces"), Map.entry("GET " + NS, "getNamespace"),
			Map.entry("PUT " + NS, "createNamespace"), Map.entry("GET " + NS + "/configs", "listConfigs"),
			Map.entry("GET " + NS + "/configs/{name}", "getConfig"),
			Map.entry("PUT " + NS + "/configs/{name}", "writeConfig"),
			Map.entry("GET " + NS + "/configs/{name}/diff", "diffConfig"),
			Map.entry("POST " + NS + "/configs/{name}/rollback", "rollbackConfig"),
			Map.entry("GET " + NS + "/configs/{name}/versions", "listConfigVersions"),
			Map.entry("GET " + NS + "/configs/{name}/versions/{version}", "getConfigVersion"),
			Map.entry("GET " + NS + "/secrets", "listSecrets"),
			Map.entry("GET " + NS + "/secrets/{name}", "getSecretMetadata"),
			Map.entry("PUT " + NS + "/secrets/{name}", "writeSecret"),
			Map.entry("POST " + NS + "/secrets/{name}/reveal", "revealSecret"),
			Map.entry("DELETE " + NS + "/secrets/{name}/versions/{version}", "destroySecretVersion"),
			Map.entry("GET " + NS + "/bundles/{name}", "getBundle"),
			Map.entry("PUT " + NS + "/bundles/{name}", "saveBundle"),
			Map.entry("GET " + NS + "/bundles/{name}/diff", "diffBundle"),
			Map.entry("POST " + NS + "/bundles/{name}/preview", "previewBundle"),
			Map.entry("GET " + NS + "/bundles/{name}/revisions", "listBundleRevisions"),
			Map.entry("GET " + NS + "/bundles/{name}/revisions/{revision}", "getBundleRevision"),
			Map.entry("GET " + NS + "/bundles/{name}/agents", "getFleet"),
			Map.entry("POST " + NS + "/bundles/{name}/seeds", "createSeed"),
			Map.entry("GET " + NS + "/seeds", "listSeeds"), Map.entry("DELETE " + NS + "/seeds/{id}", "revokeSeed"),
			Map.entry("GET " + NS + "/bundles/{bundle}/trusts", "listTrusts"),
			Map.entry("GET " + NS + "/bundles/{bundle}/trusts/{name}", "getTrust"),
			Map.entry("PUT " + NS + "/bundles/{bundle}/trusts/{name}", "putTrust"),
			Map.entry("DELETE " + NS + "/bundles/{bundle}/trusts/{name}", "deleteTrust"),
			Map.entry("GET " + NS + "/agents", "listAgents"),
			Map.entry("DELETE " + NS + "/agents/{id}", "revokeAgent"));

	@Bean
	OpenApiCustomizer stableOperationIds() {
		return openApi -> openApi.getPaths()
			.forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
				var id = IDS.get(method + " " + path);
				if (id != null) {
					operation.setOperationId(id);
				}
			}));
	}

}
