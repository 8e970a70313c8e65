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

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "{\"a\\u0000\":1}|data: keys must not contain NUL",
					"{\"a\":{\"\\ud800\":1}}|data.a: keys must not contain NUL",
					"{\"a\":\"x\\u0000\"}|data.a: text must not contain NUL",
					"{\"a\":{\"b\":{\"c\":\"\\udfff\"}}}|data.a.b.c: text must not contain NUL",
					"{\"a\":\"\\ude00\\ud83d\"}|data.a: text must not contain NUL" })
	void refusesNulAndUnpairedSurrogatesInKeysAndTextNamingThePathButNoKey(String json, String message) {
		assertThatThrownBy(() -> ConfigData.of(JSON.readTree(json))).isInstanceOf(InvalidConfig.class)
			.hasMessageStartingWith(message)
			.hasMessageEndingWith("or unpaired surrogates (U+D800–U+DFFF)");
	}

	@Test
	void takesControlCharactersAndSupplementaryCharactersInText() {
		assertThatNoException().isThrownBy(() -> ConfigData
			.of(JSON.readTree("{\"pem\":\"a\\nb\\t\\u0001\",\"\\ud83d\\ude00\":\"\\ud83d\\ude00\"}")));
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
