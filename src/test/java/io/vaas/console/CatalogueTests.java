package io.vaas.console;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed documents (which a drift test keeps equal to the served ones) against the
 * catalogue: every operation has its stable id, its group's tag and a description that
 * says who may call it and what it audits; tags come in workflow order; every request
 * body has examples and every response with a body has one, and each fits its schema.
 */
class CatalogueTests {

	static final Catalogue CATALOGUE = Catalogue.read();

	static JsonNode document(String group) {
		return JsonMapper.builder().build().readTree(Path.of("openapi/" + group + ".json").toFile());
	}

	record Found(String group, String key, JsonNode operation) {
	}

	static List<Found> operations() {
		var found = new ArrayList<Found>();
		for (var group : CATALOGUE.groups().keySet()) {
			for (var path : document(group).get("paths").properties()) {
				for (var operation : path.getValue().properties()) {
					found.add(new Found(group, operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
							operation.getValue()));
				}
			}
		}
		return found;
	}

	@Test
	void theGroupsReadAloneAreTheCataloguesGroups() {
		assertThat(Catalogue.readGroups()).hasSize(2).containsExactlyEntriesOf(CATALOGUE.groups());
	}

	@Test
	void everyOperationHasItsIdTagAndDescription() {
		var unlisted = new ArrayList<String>();
		var ids = new ArrayList<String>();
		for (var found : operations()) {
			var entry = CATALOGUE.operation(found.key());
			var id = found.operation().path("operationId").asString();
			ids.add(id);
			if (entry == null || !entry.id().equals(id)) {
				unlisted.add(found.key() + " -> " + id);
				continue;
			}
			assertThat(CATALOGUE.groups().get(found.group()).tags()).as(found.key()).containsKey(entry.tag());
			assertThat(found.operation().get("tags").get(0).asString()).as(found.key()).isEqualTo(entry.tag());
			assertThat(found.operation().path("summary").asString()).as(found.key() + " summary").isNotBlank();
			assertThat(found.operation().path("description").asString()).as(found.key() + " description")
				.contains("**Who:**")
				.contains("**Audit:**");
		}
		assertThat(unlisted).as("operations the catalogue does not list under their stable id").isEmpty();
		assertThat(new HashSet<>(ids)).as("operation ids are unique").hasSameSizeAs(ids);
		assertThat(ids).as("every catalogued operation is served").hasSameSizeAs(CATALOGUE.operations().values());
	}

	/**
	 * Swagger UI pre-fills a body with the first example in the document, which is
	 * written with sorted keys: that must be the catalogue's first (the walk-through's).
	 */
	@Test
	void theFirstExampleServedIsTheCataloguesFirst() {
		var checked = 0;
		for (var found : operations()) {
			var entry = CATALOGUE.operation(found.key());
			if (entry == null || entry.requests().isEmpty()) {
				continue;
			}
			assertThat(entry.requests()).as(found.key() + ": names sort as numbered only up to 9").hasSizeLessThan(10);
			var first = entry.requests().values().iterator().next();
			for (var content : found.operation().path("requestBody").path("content").properties()) {
				var served = content.getValue().path("examples").values().iterator().next();
				assertThat(served.get("summary").asString()).as(found.key() + " " + content.getKey())
					.isEqualTo(first.getSummary());
				assertThat(content.getValue().get("examples").valueStream().map(e -> e.get("summary").asString()))
					.as(found.key() + ": all examples, in the catalogue's order")
					.containsExactlyElementsOf(entry.requests().values().stream().map(e -> e.getSummary()).toList());
				checked++;
			}
		}
		assertThat(checked).as("request bodies with examples").isGreaterThanOrEqualTo(10);
	}

	/** Calls made without a token say so: no lock, no 401/403 in the document. */
	@Test
	void openOperationsNeedNoToken() {
		for (var found : operations()) {
			var entry = CATALOGUE.operation(found.key());
			if (entry == null) {
				continue;
			}
			var security = found.operation().path("security");
			if (entry.open()) {
				assertThat(security.isArray() && security.isEmpty()).as(found.key() + " security: []").isTrue();
				assertThat(found.operation().get("responses").has("401")).as(found.key() + " 401").isFalse();
			}
			else {
				assertThat(security.isMissingNode()).as(found.key() + " uses the document's bearer scheme").isTrue();
			}
		}
		assertThat(CATALOGUE.operations().values().stream().filter(Catalogue.Operation::open))
			.extracting(Catalogue.Operation::id)
			.containsExactlyInAnyOrder("exchangeToken", "getJwks");
	}

	@Test
	void tagsComeInWorkflowOrder() {
		assertThat(document("operator").get("tags").valueStream().map(tag -> tag.get("name").asString()))
			.containsExactly("Namespaces", "Configs", "Secrets", "Bundles", "Seeds", "Trusts", "Agents",
					"Operator tokens", "Keys", "Audit");
		assertThat(document("agent").get("tags").valueStream().map(tag -> tag.get("name").asString()))
			.containsExactly("Token exchange", "Renewal", "Bundle delivery", "Applied", "JWKS");
	}

	@Test
	void everyExampleFitsItsSchema() {
		var problems = new ArrayList<String>();
		for (var found : operations()) {
			var fit = new SchemaFit(document(found.group()));
			for (var content : found.operation().path("requestBody").path("content").properties()) {
				var examples = content.getValue().path("examples");
				if (examples.isEmpty()) {
					problems.add(found.key() + " request " + content.getKey() + ": no example");
				}
				for (var example : examples.properties()) {
					fit.problems(content.getValue().get("schema"), example.getValue().get("value"))
						.forEach(p -> problems.add(found.key() + " request " + example.getKey() + ": " + p));
				}
			}
			for (var response : found.operation().get("responses").properties()) {
				for (var content : response.getValue().path("content").properties()) {
					if (content.getKey().equals("application/x-tar")) {
						continue;
					}
					var media = content.getValue();
					var values = new ArrayList<JsonNode>();
					if (media.has("example")) {
						values.add(media.get("example"));
					}
					for (var example : media.path("examples").properties()) {
						var ref = example.getValue().path("$ref").asString("");
						values.add(ref.isEmpty() ? example.getValue().get("value")
								: document(found.group()).at(ref.substring(1)).get("value"));
					}
					if (values.isEmpty()) {
						problems.add(found.key() + " " + response.getKey() + ": no example");
					}
					for (var value : values) {
						fit.problems(media.get("schema"), value)
							.forEach(p -> problems.add(found.key() + " " + response.getKey() + ": " + p));
					}
				}
			}
		}
		assertThat(problems).isEmpty();
	}

}
