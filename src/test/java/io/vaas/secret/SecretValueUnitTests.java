package io.vaas.secret;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretValueUnitTests {

	@ParameterizedTest
	@CsvSource({ "YQ==,a", "YWI=,ab", "YWJj,abc", "/+8=,", "AAEC/w==," })
	void takesCanonicalPaddedBase64(String base64, String text) {
		var value = SecretValue.parse(null, base64);
		assertThat(value.encoding()).isEqualTo(SecretValue.Encoding.BASE64);
		assertThat(value.bytes()).isEqualTo(Base64.getDecoder().decode(base64));
		if (text != null) {
			assertThat(new String(value.bytes(), StandardCharsets.UTF_8)).isEqualTo(text);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "YQ", "YQ=", "YWI", "YR==", "YWJ=", "_-8=", "-_8=", "YW Jj", "YWJj\n", " YWJj",
			"YWJj\r\nYWJj", "YQ==YQ==", "====", "%%%", "m4rk3r!!" })
	void refusesOtherBase64NamingTheFieldButNotTheValue(String base64) {
		assertThatThrownBy(() -> SecretValue.parse(null, base64)).isInstanceOf(InvalidSecret.class)
			.hasMessageStartingWith("valueBase64 must be padded base64 in the standard alphabet")
			.satisfies(ex -> assertThat(ex.getMessage()).doesNotContain(base64.strip()));
	}

	@Test
	void refusesEmptySecretsInBothForms() {
		assertThatThrownBy(() -> SecretValue.parse("", null)).isInstanceOf(InvalidSecret.class)
			.hasMessage("value must not be empty: a secret holds at least one byte");
		assertThatThrownBy(() -> SecretValue.parse(null, "")).isInstanceOf(InvalidSecret.class)
			.hasMessage("valueBase64 must not be empty: a secret holds at least one byte");
	}

	@ParameterizedTest
	@ValueSource(strings = { "a\u0000b", "\u0000", "\uD800", "x\uDFFF", "\uDE00\uD83D" })
	void refusesTextWithNulOrUnpairedSurrogates(String text) {
		assertThatThrownBy(() -> SecretValue.parse(text, null)).isInstanceOf(InvalidSecret.class)
			.hasMessageStartingWith("value must not contain NUL (U+0000) or unpaired surrogates")
			.hasMessageEndingWith("send bytes as valueBase64");
	}

	@Test
	void takesTextWithNewlinesControlsAndSupplementaryCharacters() {
		var text = "-----BEGIN KEY-----\n\tline\r\n\u001b[0m \uD83D\uDE00 grüße";
		var value = SecretValue.parse(text, null);
		assertThat(value.encoding()).isEqualTo(SecretValue.Encoding.TEXT);
		assertThat(new String(value.bytes(), StandardCharsets.UTF_8)).isEqualTo(text);
	}

	@Test
	void takesNulAsBytes() {
		assertThat(SecretValue.parse(null, "AA==").bytes()).containsExactly(0);
	}

	@Test
	void refusesBothOrNeitherForm() {
		assertThatThrownBy(() -> SecretValue.parse("a", "YQ=="))
			.hasMessage("send exactly one of value and valueBase64");
		assertThatThrownBy(() -> SecretValue.parse(null, null)).hasMessage("send exactly one of value and valueBase64");
	}

}
