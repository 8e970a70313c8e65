package io.vaas.support;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TestDatabaseUnitTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "jdbc:postgresql://127.0.0.1:5432/postgres|jdbc:postgresql://127.0.0.1:5432/fresh",
					"jdbc:postgresql://db:5432/app?sslmode=require|jdbc:postgresql://db:5432/fresh?sslmode=require",
					"jdbc:postgresql://db/|jdbc:postgresql://db/fresh",
					"jdbc:postgresql://db|jdbc:postgresql://db/fresh" })
	void pointsAServerUrlAtTheFreshDatabase(String url, String expected) {
		assertThat(TestDatabase.withDatabase(url, "fresh")).isEqualTo(expected);
	}

}
