package io.vaas.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PreconditionUnitTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "null",
			value = { "\"3\"|null|3|true", "W/\"3\"|null|3|false", "\"2\", \"3\"|null|3|true", "*|null|3|true",
					"\"2\"|null|3|false", "3|null|3|true", "garbage|null|3|false", "null|*|3|false", "null|null|3|true",
					"null|\"3\"|3|false", "null|W/\"3\"|3|false", "null|\"2\"|3|true" })
	void checksPreconditionsAgainstTheLatestVersion(String ifMatch, String ifNoneMatch, long current, boolean holds) {
		var precondition = Precondition.of(ifMatch, ifNoneMatch);
		if (holds) {
			assertThatNoException().isThrownBy(() -> precondition.check(current));
		}
		else {
			assertThatThrownBy(() -> precondition.check(current)).isInstanceOf(VersionConflict.class);
		}
	}

	@Test
	void treatsAMissingConfigAsFailingIfMatchAndPassingIfNoneMatch() {
		assertThatThrownBy(() -> Precondition.of("*", null).check(null)).isInstanceOf(VersionConflict.class);
		assertThatNoException().isThrownBy(() -> Precondition.of(null, "*").check(null));
		assertThatNoException().isThrownBy(() -> Precondition.none().check(null));
	}

}
