package io.vaas.agent;

import java.io.ByteArrayInputStream;
import java.io.EOFException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An answer's body is read whole up to the limit and refused beyond it, whether its
 * length was announced or not.
 */
class AnswerBodyUnitTests {

	static final int LIMIT = 200_000;

	@Test
	void readsAnAnnouncedBodyOfTheLimit() throws Exception {
		assertThat(AnswerBody.read(bytes(LIMIT), LIMIT, LIMIT)).hasSize(LIMIT).isEqualTo(bytes(LIMIT).readAllBytes());
	}

	@Test
	void refusesAnAnnouncedLengthOverTheLimitBeforeReading() {
		var in = bytes(LIMIT + 1);
		assertThatExceptionOfType(AnswerBody.TooLarge.class).isThrownBy(() -> AnswerBody.read(in, LIMIT + 1, LIMIT))
			.withMessage("a body longer than 200000 bytes");
		assertThat(in.available()).isEqualTo(LIMIT + 1);
	}

	@Test
	void refusesAnAnnouncedBodyThatEndsEarly() {
		assertThatExceptionOfType(EOFException.class).isThrownBy(() -> AnswerBody.read(bytes(10), 11, LIMIT));
	}

	@Test
	void readsUnannouncedBodiesUpToTheLimit() throws Exception {
		for (int size : new int[] { 0, 1, 65_535, 65_536, 65_537, 131_072, LIMIT - 1, LIMIT }) {
			assertThat(AnswerBody.read(bytes(size), -1, LIMIT)).as("%d bytes", size)
				.isEqualTo(bytes(size).readAllBytes());
		}
	}

	@Test
	void refusesAnUnannouncedBodyOverTheLimitWithoutReadingItAll() {
		for (int size : new int[] { LIMIT + 1, LIMIT + 2, 10 * LIMIT }) {
			var in = bytes(size);
			assertThatExceptionOfType(AnswerBody.TooLarge.class).as("%d bytes", size)
				.isThrownBy(() -> AnswerBody.read(in, -1, LIMIT));
			assertThat(size - in.available()).as("bytes read of %d", size).isLessThanOrEqualTo(LIMIT + 1);
		}
	}

	private static ByteArrayInputStream bytes(int size) {
		var bytes = new byte[size];
		for (int i = 0; i < size; i++) {
			bytes[i] = (byte) (i * 31);
		}
		return new ByteArrayInputStream(bytes);
	}

}
