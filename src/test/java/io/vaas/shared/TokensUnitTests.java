package io.vaas.shared;

import java.util.HashSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TokensUnitTests {

	@Test
	void generatesWellFormedDistinctTokens() {
		var seen = new HashSet<String>();
		for (int i = 0; i < 1000; i++) {
			var token = Tokens.generate("vaas_op_");
			assertThat(token).startsWith("vaas_op_").hasSize(8 + 46).matches("vaas_op_[0-9A-Za-z]{46}");
			assertThat(Tokens.isWellFormed("vaas_op_", token)).isTrue();
			assertThat(seen.add(token)).isTrue();
		}
	}

	@Test
	void detectsEverySingleCharacterTypo() {
		var token = Tokens.generate("vaas_seed_");
		for (int i = "vaas_seed_".length(); i < token.length(); i++) {
			var typo = token.substring(0, i) + (token.charAt(i) == 'x' ? 'y' : 'x') + token.substring(i + 1);
			assertThat(Tokens.isWellFormed("vaas_seed_", typo)).as("typo at %d", i).isFalse();
		}
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "", "vaas_op_", "vaas_op_short", "vaas_seed_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
					"vaas_op_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA!",
					"Vaas_op_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" })
	void rejectsMalformedTokens(String token) {
		assertThat(Tokens.isWellFormed("vaas_op_", token)).isFalse();
	}

	@Test
	void rejectsATokenOfTheOtherKind() {
		assertThat(Tokens.isWellFormed("vaas_op_", Tokens.generate("vaas_seed_"))).isFalse();
	}

	@Test
	void hashesWithSha256AndComparesHashes() {
		var token = Tokens.generate("vaas_op_");
		assertThat(Tokens.hash(token)).hasSize(32);
		assertThat(Tokens.sameHash(Tokens.hash(token), Tokens.hash(token))).isTrue();
		assertThat(Tokens.sameHash(Tokens.hash(token), Tokens.hash(token + "x"))).isFalse();
	}

}
