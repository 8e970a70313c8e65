package io.vaas;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of the committed document (which a drift test keeps equal to the live
 * one) has a stable id from {@link OperationIds}: none generated, none twice.
 */
class OperationIdsTests {

	@Test
	void everyOperationHasItsStableId() {
		var document = JsonMapper.builder().build().readTree(Path.of("openapi/openapi.json").toFile());
		var ids = new ArrayList<String>();
		var unlisted = new ArrayList<String>();
		for (var path : document.get("paths").properties()) {
			for (var operation : path.getValue().properties()) {
				var key = operation.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
				var id = operation.getValue().get("operationId").asString();
				if (!id.equals(OperationIds.IDS.get(key))) {
					unlisted.add(key + " -> " + id);
				}
				ids.add(id);
			}
		}
		assertThat(unlisted).as("operations without a stable id in OperationIds").isEmpty();
		assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
		assertThat(ids).hasSameSizeAs(OperationIds.IDS.values());
	}

}
