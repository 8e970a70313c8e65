package io.vaas.shared;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NamesUnitTests {

	@ParameterizedTest
	@ValueSource(strings = { "a", "0", "acme", "team-1", "a1-b2-c3",
			"abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij123" })
	void acceptsDnsLabelsAsNamespaces(String name) {
		assertThat(NamespaceName.of(name).value()).isEqualTo(name);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "-a", "a-", "A", "a_b", "a.b", "a b", "ä", "../x", "*",
			"abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij1234" })
	void rejectsOtherNamespaceNames(String name) {
		assertThatThrownBy(() -> NamespaceName.of(name)).isInstanceOf(InvalidName.class)
			.hasMessageStartingWith("Invalid namespace")
			.satisfies(ex -> assertThat(ex.getMessage()).doesNotContain("'" + name + "'"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "db", "db_password", "tls-key", "a", "x_1-y" })
	void acceptsResourceNames(String name) {
		assertThat(ResourceName.of(name).value()).isEqualTo(name);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "_a", "a_", "-a", "Db", "a.b", "a/b", "a@3", "a b" })
	void rejectsOtherResourceNames(String name) {
		assertThatThrownBy(() -> ResourceName.of(name)).isInstanceOf(InvalidName.class);
	}

}
