package io.vaas.shared;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Text, time and query-string rules every module applies to what a request carries. */
class TextRulesUnitTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@ParameterizedTest
	@ValueSource(strings = { "", "plain", "tab\tnew\nline\r", "\u0001 other controls are data", "grüße",
			"pair \uD83D\uDE00 in the middle", "\uD83D\uDE00", "ends with a pair \uDBFF\uDFFF" })
	void takesWellFormedText(String text) {
		assertThat(Texts.isWellFormed(text)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "\u0000", "a\u0000b", "\uD800", "\uDC00", "x\uD83D", "\uDE00\uD83D", "a\uD83Db",
			"\uD83D\uD83D\uDE00\uDE00" })
	void refusesNulAndUnpairedSurrogates(String text) {
		assertThat(Texts.isWellFormed(text)).isFalse();
		assertThatThrownBy(() -> Texts.check("comment", text, 100)).isInstanceOf(Texts.InvalidText.class)
			.hasMessageStartingWith("comment must not contain");
	}

	@Test
	void checksFreeTextForControlsAndLength() {
		assertThat(Texts.check("comment", "line\nline", 100)).isEqualTo("line\nline");
		assertThatThrownBy(() -> Texts.check("comment", "bell\u0007", 100))
			.hasMessage("comment must not contain control characters");
		assertThatThrownBy(() -> Texts.check("comment", "x".repeat(101), 100))
			.hasMessage("comment must be at most 100 characters");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "[{\"template\":\"a\\u0000b\"}]|files[0].template",
					"[{\"a\":\"ok\"},{\"env\":{\"secrets\":[\"x\",\"\\ud800\"]}}]|files[1].env.secrets[1]",
					"[{\"env\":{\"bad\\u0000key\":1}}]|a property name in files[0].env",
					"{\"\\udc00\":1}|a property name in files" })
	void findsTheFirstBadTextInATreeByItsPath(String json, String path) {
		var tree = JSON.readTree(json);
		assertThat(Texts.flawIn(tree, "files")).isEqualTo(path);
		assertThatThrownBy(() -> Texts.checkTree("files", tree)).isInstanceOf(Texts.InvalidText.class)
			.hasMessage(path + " " + Texts.RULE);
	}

	@Test
	void passesATreeOfWellFormedText() {
		var tree = JSON.readTree("[{\"template\":\"{{ x }}\\n\\t\",\"n\":1,\"emoji\":\"\\ud83d\\ude00\",\"z\":null}]");
		assertThat(Texts.flawIn(tree, "files")).isNull();
		assertThat(Texts.flawIn(null, "files")).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "1970-01-01T00:00:00Z", "2026-01-31T12:00:00Z", "9999-12-31T23:59:59.999999Z" })
	void takesTimestampsFrom1970ToYear9999(String text) {
		assertThat(TimeRanges.accepts(Instant.parse(text))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "1969-12-31T23:59:59.999999Z", "+10000-01-01T00:00:00Z", "+999999-01-01T00:00:00Z",
			"-000001-01-01T00:00:00Z" })
	void refusesTimestampsOutsideThatRange(String text) {
		assertThat(TimeRanges.accepts(Instant.parse(text))).isFalse();
	}

	@ParameterizedTest
	@CsvSource({ "PT1S,true", "PT24H,true", "P36500D,true", "P36500DT1S,false", "PT0S,false", "PT-1S,false",
			"P99999999999D,false", "-P1D,false" })
	void takesDurationsLongerThanZeroAndAtMost100Years(String text, boolean accepted) {
		assertThat(TimeRanges.accepts(Duration.parse(text))).isEqualTo(accepted);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "null",
			value = { "null|null", "a=1|null", "a=1&b=2&c|null", "a=1&a=2|a", "version=1&version=2|version", "a&a|a",
					"a=&a=|a", "v=1&%76=2|v", "a+b=1&a%20b=2|a b", "A=1&a=2|null", "&&=1&=2&x|null", "%zz=1&%zz=2|%zz",
					"x=%zz&x=1|x", "b=1&a=1&b=1|b" })
	void findsTheFirstRepeatedQueryParameterAsTheContainerDecodesIt(String query, String repeated) {
		assertThat(AmbiguousRequestFilter.repeated(query)).isEqualTo(repeated);
	}

}
