package io.vaas.agent;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicWriterUnitTests {

	@TempDir
	Path root;

	final AtomicWriter writer = new AtomicWriter(-1, -1);

	static Manifest.File file(String path, String content, int mode) {
		var bytes = content.getBytes(StandardCharsets.UTF_8);
		return new Manifest.File("configuration", path, mode, bytes, Verifier.sha256(bytes));
	}

	@Test
	void writesTheKubernetesLayoutWithModesSetBeforeTheSwap() throws Exception {
		var area = root.resolve("configuration");
		assertThat(
				writer.write(area, List.of(file("my.cnf", "port=1\n", 0444), file("tls/server.key", "k", 0400)), "d1"))
			.isTrue();
		assertThat(Files.readSymbolicLink(area.resolve("..data")).toString()).startsWith("..20");
		assertThat(Files.readSymbolicLink(area.resolve("my.cnf"))).isEqualTo(Path.of("..data/my.cnf"));
		assertThat(Files.readSymbolicLink(area.resolve("tls"))).isEqualTo(Path.of("..data/tls"));
		assertThat(Files.readString(area.resolve("my.cnf"))).isEqualTo("port=1\n");
		assertThat(Files.readString(area.resolve("tls/server.key"))).isEqualTo("k");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(area.resolve("my.cnf"))))
			.isEqualTo("r--r--r--");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(area.resolve("tls/server.key"))))
			.isEqualTo("r--------");
		writer.ready(area);
		assertThat(area.resolve("..ready")).exists();
	}

	@Test
	void skipsAnUnchangedDigestAndReplacesAChangedOne() throws Exception {
		var area = root.resolve("configuration");
		writer.write(area, List.of(file("a", "1", 0444), file("old", "x", 0444)), "d1");
		var first = Files.readSymbolicLink(area.resolve("..data"));
		assertThat(writer.write(area, List.of(file("a", "1", 0444), file("old", "x", 0444)), "d1")).isFalse();
		assertThat(Files.readSymbolicLink(area.resolve("..data"))).isEqualTo(first);

		assertThat(writer.write(area, List.of(file("a", "2", 0444)), "d2")).isTrue();
		assertThat(Files.readString(area.resolve("a"))).isEqualTo("2");
		assertThat(area.resolve("old")).doesNotExist();
		assertThat(area.resolve(first)).as("previous set removed").doesNotExist();
		try (var entries = Files.list(area)) {
			assertThat(entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("..20"))).hasSize(1);
		}
	}

	@Test
	void neverTouchesWhatItDidNotCreate() throws Exception {
		var area = Files.createDirectories(root.resolve("configuration"));
		Files.writeString(area.resolve("a"), "mine");
		assertThatThrownBy(() -> writer.write(area, List.of(file("a", "1", 0444)), "d1"))
			.isInstanceOf(AgentFailure.class)
			.hasMessageContaining("did not create");
		assertThat(Files.readString(area.resolve("a"))).isEqualTo("mine");

		var other = Files.createDirectories(root.resolve("other"));
		Files.createDirectory(other.resolve("..data"));
		assertThatThrownBy(() -> writer.write(other, List.of(file("b", "1", 0444)), "d1"))
			.hasMessageContaining("not a symlink");
		var elsewhere = Files.createDirectories(root.resolve("elsewhere"));
		Files.createSymbolicLink(elsewhere.resolve("..data"), Path.of("/etc"));
		assertThatThrownBy(() -> writer.write(elsewhere, List.of(file("b", "1", 0444)), "d1"))
			.hasMessageContaining("points somewhere");
		var linked = root.resolve("linked");
		Files.createSymbolicLink(linked, Path.of("/tmp"));
		assertThatThrownBy(() -> writer.write(linked, List.of(file("b", "1", 0444)), "d1"))
			.hasMessageContaining("symlink");
	}

	@Test
	void cleansUpWhatACrashLeftBehind() throws Exception {
		var area = root.resolve("configuration");
		writer.write(area, List.of(file("a", "1", 0444)), "d1");
		Files.createDirectory(area.resolve("..2020_01_01_00_00_00.000000000"));
		Files.createSymbolicLink(area.resolve("..data_tmp"), Path.of("..2020_01_01_00_00_00.000000000"));
		writer.write(area, List.of(file("a", "2", 0444)), "d2");
		assertThat(area.resolve("..2020_01_01_00_00_00.000000000")).doesNotExist();
		assertThat(area.resolve("..data_tmp")).doesNotExist();
		assertThat(Files.readString(area.resolve("a"))).isEqualTo("2");
	}

	@Test
	void neverShowsAReaderAMixOfTwoSets() throws Exception {
		var area = root.resolve("configuration");
		writer.write(area, List.of(file("a", "0", 0444), file("b", "0", 0444)), "d0");
		var stop = new AtomicBoolean();
		var mixes = new AtomicInteger();
		var reads = new AtomicInteger();
		var reader = Thread.ofPlatform().start(() -> {
			while (!stop.get()) {
				try {
					// A consistent reader resolves ..data once, then reads every file
					// from there.
					var set = area.resolve("..data").toRealPath();
					var a = Files.readString(set.resolve("a"));
					var b = Files.readString(set.resolve("b"));
					if (!a.equals(b)) {
						mixes.incrementAndGet();
					}
					reads.incrementAndGet();
				}
				catch (NoSuchFileException ex) {
					// the set was replaced and removed between resolving and reading:
					// read again
				}
				catch (Exception ex) {
					mixes.incrementAndGet();
				}
			}
		});
		for (int i = 1; i <= 200; i++) {
			writer.write(area, List.of(file("a", Integer.toString(i), 0444), file("b", Integer.toString(i), 0444)),
					"d" + i);
		}
		stop.set(true);
		reader.join();
		assertThat(mixes.get()).isZero();
		assertThat(reads.get()).isPositive();
		assertThat(Files.readString(area.resolve("a"))).isEqualTo("200");
	}

}
