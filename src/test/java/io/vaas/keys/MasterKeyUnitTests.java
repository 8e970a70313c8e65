package io.vaas.keys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MasterKeyUnitTests {

	@TempDir
	Path dir;

	static MasterKeyProperties value(String value) {
		return new MasterKeyProperties(value, null, "master.key");
	}

	@Test
	void derivesTheSameKeysFromTheSameMasterKeyAndOthersFromAnother() {
		var base64 = Base64.getEncoder().encodeToString(new byte[32]);
		var a = MasterKey.load(value(base64), dir);
		var b = MasterKey.load(value(base64 + "\n"), dir);
		var other = MasterKey.load(value(Base64.getEncoder().encodeToString(AesGcm.newKey())), dir);
		assertThat(a.checkValue()).isEqualTo(b.checkValue()).isNotEqualTo(other.checkValue());
		assertThat(a.wrappingKey()).isEqualTo(b.wrappingKey()).isNotEqualTo(a.checkValue());
		assertThat(a.generated()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "not base64!", "c2hvcnQ=", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" })
	void refusesMalformedKeysWithoutShowingThem(String key) {
		assertThatThrownBy(() -> MasterKey.load(value(key), dir)).isInstanceOf(MasterKeyProblem.class)
			.hasMessageContaining("VAAS_MASTER_KEY")
			.satisfies(ex -> assertThat(ex.getMessage()).doesNotContain(key));
	}

	@Test
	void readsTheKeyFromAFile() throws Exception {
		var file = dir.resolve("key");
		var base64 = Base64.getEncoder().encodeToString(AesGcm.newKey());
		Files.writeString(file, base64 + "\n");
		var fromFile = MasterKey.load(new MasterKeyProperties(null, file.toString(), "master.key"), dir);
		assertThat(fromFile.checkValue()).isEqualTo(MasterKey.load(value(base64), dir).checkValue());
		assertThatThrownBy(
				() -> MasterKey.load(new MasterKeyProperties(null, dir.resolve("missing").toString(), "m"), dir))
			.isInstanceOf(MasterKeyProblem.class)
			.hasMessageContaining("Cannot read");
	}

	@Test
	void generatesAnOwnerOnlyKeyFileOnceWhenNoneIsConfigured() throws Exception {
		var first = MasterKey.load(new MasterKeyProperties(null, null, "master.key"), dir);
		var file = dir.resolve("master.key");
		assertThat(first.generated()).isTrue();
		assertThat(Files.getPosixFilePermissions(file))
			.isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
		assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
		var second = MasterKey.load(new MasterKeyProperties(null, null, "master.key"), dir);
		assertThat(second.checkValue()).as("the file is reused, not regenerated").isEqualTo(first.checkValue());
	}

}
