package io.vaas.agent;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonUnitTests {

	@Test
	void readsObjectsArraysAndScalars() {
		var json = Json.object("""
				{"a":1,"b":-2.5e3,"c":"x\\n\\u00e9\\"","d":[true,false,null],"e":{},"f":[]}""");
		assertThat(json).containsEntry("a", 1L).containsEntry("b", -2500.0).containsEntry("c", "x\né\"");
		assertThat(json.get("d")).isEqualTo(java.util.Arrays.asList(true, false, null));
		assertThat(json.get("e")).isEqualTo(Map.of());
		assertThat(json.get("f")).isEqualTo(List.of());
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "{", "{\"a\":}", "{\"a\":1,}", "[1,]", "{\"a\":1}x", "01", "1.", "-", "\"\\x\"",
			"\"a\nb\"", "{\"a\":1,\"a\":2}", "tru", "nul", "{a:1}", "'a'", "[1 2]", "\"\\u12\"" })
	void refusesInvalidJson(String text) {
		assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void limitsDepth() {
		assertThatThrownBy(() -> Json.parse("[".repeat(100) + "]".repeat(100))).hasMessageContaining("nesting");
		assertThat(Json.parse("[".repeat(60) + "]".repeat(60))).isInstanceOf(List.class);
	}

}
