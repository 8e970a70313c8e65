package io.vaas.keys;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AesGcmUnitTests {

	static final byte[] KEY = AesGcm.newKey();

	static final byte[] PLAIN = "db-password-42".getBytes(StandardCharsets.UTF_8);

	@Test
	void sealsAndOpensWithTheSameKeyAndAssociatedData() {
		var sealed = AesGcm.seal(KEY, PLAIN, "acme/db/1");
		assertThat(sealed[0]).as("format byte").isEqualTo(AesGcm.FORMAT_V1);
		assertThat(sealed).hasSize(1 + 12 + PLAIN.length + 16);
		assertThat(AesGcm.open(KEY, sealed, "acme/db/1")).isEqualTo(PLAIN);
	}

	@Test
	void refusesOtherAssociatedDataSoACiphertextCannotMoveToAnotherRecord() {
		var sealed = AesGcm.seal(KEY, PLAIN, "acme/db/1");
		assertThatThrownBy(() -> AesGcm.open(KEY, sealed, "acme/db/2")).isInstanceOf(DecryptionFailed.class);
		assertThatThrownBy(() -> AesGcm.open(KEY, sealed, "other/db/1")).isInstanceOf(DecryptionFailed.class);
	}

	@Test
	void refusesAnotherKeyAndEveryChangedByte() {
		var sealed = AesGcm.seal(KEY, PLAIN, "ctx");
		assertThatThrownBy(() -> AesGcm.open(AesGcm.newKey(), sealed, "ctx")).isInstanceOf(DecryptionFailed.class);
		for (int i = 0; i < sealed.length; i++) {
			var altered = sealed.clone();
			altered[i] ^= 0x01;
			assertThatThrownBy(() -> AesGcm.open(KEY, altered, "ctx")).as("byte %d altered", i)
				.isInstanceOf(DecryptionFailed.class);
		}
		assertThatThrownBy(() -> AesGcm.open(KEY, new byte[10], "ctx")).isInstanceOf(DecryptionFailed.class);
	}

	@Test
	void usesAFreshNonceEveryTime() {
		var nonces = new HashSet<String>();
		for (int i = 0; i < 1000; i++) {
			var sealed = AesGcm.seal(KEY, PLAIN, "ctx");
			nonces.add(java.util.HexFormat.of().formatHex(sealed, 1, 13));
		}
		assertThat(nonces).hasSize(1000);
	}

	@Test
	void neverPutsThePlaintextInAnError() {
		var sealed = AesGcm.seal(KEY, PLAIN, "ctx");
		assertThatThrownBy(() -> AesGcm.open(KEY, sealed, "other"))
			.satisfies(ex -> assertThat(ex.getMessage()).doesNotContain("db-password"));
	}

}
