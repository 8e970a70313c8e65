package io.vaas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No source file of the server, the agent or the benchmarks grows past 250 lines: a new
 * capability is a class of its own.
 */
class ClassSizeTests {

	static final int MAX_LINES = 250;

	@Test
	void everySourceFileStaysSmall() throws IOException {
		try (Stream<Path> main = Files.walk(Path.of("src/main/java"));
				Stream<Path> bench = Files.list(Path.of("bench"))) {
			var sources = Stream.concat(main, bench).filter(path -> path.toString().endsWith(".java")).toList();
			assertThat(sources).hasSizeGreaterThan(100);
			assertThat(sources).allSatisfy(source -> assertThat(Files.readAllLines(source)).as(source.toString())
				.hasSizeLessThanOrEqualTo(MAX_LINES));
		}
	}

}
