package io.vaas.shared;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.MockHttpInputMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The request-body mapper as the server configures it ({@link JsonConfiguration}), and
 * the problem detail each refusal gets ({@link UnreadableBodies}).
 */
class StrictJsonUnitTests {

	static final JsonMapper JSON = mapper();

	record Body(@Nullable String name, @Nullable JsonNode data, @Nullable JsonNode files, @Nullable Instant expiresAt,
			@Nullable Duration ttl) {
	}

	static JsonMapper mapper() {
		var builder = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
		new JsonConfiguration().strictScalars().customize(builder);
		return builder.build();
	}

	/** What the server answers for this body: null when it is read. */
	static @Nullable String detail(String json) {
		var ex = catchThrowableOfType(JacksonException.class, () -> JSON.readValue(json, Body.class));
		if (ex == null) {
			return null;
		}
		return UnreadableBodies
			.describe(new HttpMessageNotReadableException("unreadable", ex, new MockHttpInputMessage(new byte[0])));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "{\"name\":\"m4rk3r-1\",\"name\":\"m4rk3r-2\"}|name",
					"{\"data\":{\"a\":\"m4rk3r-1\",\"a\":\"m4rk3r-2\"}}|data.a",
					"{\"data\":{\"b\":{\"x\":{\"y\":1,\"z\":0,\"y\":\"m4rk3r\"}}}}|data.b.x.y",
					"{\"files\":[{\"p\":1},{\"q\":[],\"p\":1,\"p\":2}]}|files[1].p",
					"{\"files\":[[0],[1,{\"k\":{},\"k\":{}}]]}|files[1][1].k", "{\"data\":{},\"data\":{}}|data" })
	void refusesAPropertyGivenTwiceNamingItsPathButNoValue(String json, String path) {
		assertThat(detail(json)).isEqualTo("Property '" + path + "' is given more than once");
	}

	@Test
	void namesNoPathThroughAPropertyNameUnfitToRepeat() {
		assertThat(detail("{\"data\":{\"a\\u0000\":{\"b\":1,\"b\":2}}}"))
			.isEqualTo("A property is given more than once");
	}

	@Test
	void takesTheSameNameInDifferentObjects() {
		assertThat(detail(
				"{\"data\":{\"a\":{\"k\":1},\"b\":{\"k\":1},\"k\":{\"k\":{\"k\":1}}},\"files\":[{\"k\":1},{\"k\":2}]}"))
			.isNull();
	}

	@ParameterizedTest
	@ValueSource(ints = { 501, 10_000, 100_000 })
	void refusesDeepNestingWithoutOverflowingTheStack(int depth) {
		var objects = "{\"data\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + "}";
		var arrays = "{\"files\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
		assertThat(detail(objects)).startsWith("The body is nested too deeply");
		assertThat(detail(arrays)).startsWith("The body is nested too deeply");
	}

	@Test
	void takesNestingUpTo500Levels() {
		assertThat(detail("{\"data\":" + "{\"a\":".repeat(498) + "1" + "}".repeat(498) + "}")).isNull();
	}

	@Test
	void refusesNumbersLongerThan1000Digits() {
		assertThat(detail("{\"data\":{\"a\":1" + "0".repeat(1000) + "}}")).startsWith("The body is nested too deeply");
		assertThat(detail("{\"data\":{\"a\":1" + "0".repeat(998) + "}}")).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"+999999-01-01T00:00:00Z\"", "\"+10000-01-01T00:00:00Z\"", "\"1969-12-31T23:59:59Z\"",
			"\"-999999999-01-01T00:00:00Z\"", "\"+1000000000-01-01T00:00:00Z\"", "\"m4rk3r\"", "\"\"", "12345", "true",
			"{}" })
	void refusesTimestampsThatAreNoTextOrOutOfRangeNamingTheProperty(String value) {
		var detail = detail("{\"expiresAt\":" + value + "}");
		assertThat(detail).isEqualTo("Property 'expiresAt' must be " + TimeRanges.INSTANT_RULE)
			.doesNotContain("999999")
			.doesNotContain("m4rk3r");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"PT-1S\"", "\"PT0S\"", "\"-P1D\"", "\"P99999999999D\"", "\"P999999999999999D\"",
			"\"PT9999999999999999999H\"", "\"P36501D\"", "\"m4rk3r\"", "3600" })
	void refusesDurationsThatAreNoTextOrOutOfRangeNamingTheProperty(String value) {
		assertThat(detail("{\"ttl\":" + value + "}")).isEqualTo("Property 'ttl' must be " + TimeRanges.DURATION_RULE);
	}

	@Test
	void takesTimestampsAndDurationsInRange() throws Exception {
		var body = JSON.readValue("{\"expiresAt\":\" 9999-12-31T23:59:59Z \",\"ttl\":\"P36500D\"}", Body.class);
		assertThat(body.expiresAt()).isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
		assertThat(body.ttl()).isEqualTo(Duration.ofDays(36_500));
		assertThatNoException()
			.isThrownBy(() -> JSON.readValue("{\"expiresAt\":\"1970-01-01T00:00:00Z\"}", Body.class));
	}

	@Test
	void namesUnknownPropertiesAndBrokenSyntax() {
		assertThat(detail("{\"extra\":1}")).isEqualTo("Unknown property 'extra'");
		assertThat(detail("{\"name\":")).startsWith("The body is not valid JSON (line 1");
		assertThat(detail("{\"name\":1}")).isEqualTo("Property 'name' has the wrong type or format");
	}

}
