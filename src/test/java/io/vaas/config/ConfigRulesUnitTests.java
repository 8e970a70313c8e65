package io.vaas.config;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigRulesUnitTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@ParameterizedTest
	@ValueSource(strings = { "{}", "{\"a\":1}", "{\"a\":\"x\",\"b\":true,\"c\":1.5,\"d\":{\"e\":{\"f\":\"g\"}}}" })
	void acceptsObjectsOfScalarsAndObjects(String json) {
		assertThatNoException().isThrownBy(() -> ConfigData.of(JSON.readTree(json)));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "{\"a\":[1]}|data.a: arrays", "{\"a\":{\"b\":null}}|data.a.b: null", "[1]|must be a JSON object",
					"\"x\"|must be a JSON object", "null|required", "{\"\":1}|keys must not be empty" })
	void refusesOtherShapesNamingThePath(String json, String message) {
		assertThatThrownBy(() -> ConfigData.of(JSON.readTree(json))).isInstanceOf(InvalidConfig.class)
			.hasMessageContaining(message);
	}

	@Test
	void refusesDeepNesting() {
		var json = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
		assertThatThrownBy(() -> ConfigData.of(JSON.readTree(json))).hasMessageContaining("at most 32 levels");
	}

	@Test
	void diffsPerKeyWithOldAndNewValuesAndAsJsonPatch() {
		var differ = new ConfigDiffer(JSON);
		var result = differ.diff(JSON.readTree("{\"port\":1,\"gone\":\"x\",\"db\":{\"name\":\"a\"}}"),
				JSON.readTree("{\"port\":2,\"db\":{\"name\":\"a\",\"pool\":5}}"));
		assertThat(result.changes()).containsExactlyInAnyOrderElementsOf(
				List.of(new ConfigDiff.Change("changed", "/port", JSON.readTree("1"), JSON.readTree("2")),
						new ConfigDiff.Change("removed", "/gone", JSON.readTree("\"x\""), null),
						new ConfigDiff.Change("added", "/db/pool", null, JSON.readTree("5"))));
		assertThat(result.patch().size()).isEqualTo(3);
		assertThat(result.patch().toString()).contains("{\"op\":\"remove\",\"path\":\"/gone\"}");
	}

	@Test
	void diffsIdenticalVersionsToNothing() {
		var differ = new ConfigDiffer(JSON);
		var same = JSON.readTree("{\"a\":{\"b\":1}}");
		assertThat(differ.diff(same, same).changes()).isEmpty();
		assertThat(differ.diff(same, same).patch().size()).isZero();
	}

}
