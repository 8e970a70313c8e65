package io.vaas.audit;

import java.time.Instant;

import io.vaas.shared.Actor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An event's values cut to its columns' sizes before they are stored. */
class AuditInboxUnitTests {

	@Test
	void keepsWhatFitsAndCutsWhatDoesNotWithAMark() {
		assertThat(AuditInbox.Row.fit(null, 10)).isNull();
		assertThat(AuditInbox.Row.fit("exactly10!", 10)).isEqualTo("exactly10!");
		assertThat(AuditInbox.Row.fit("eleven char", 10)).isEqualTo("eleven ch…").hasSize(10);
	}

	@Test
	void neverSplitsACharacterOutsideTheBasicPlane() {
		// "𝄞" is two UTF-16 units: cut between them, the stored text would no longer be
		// what was hashed.
		assertThat(AuditInbox.Row.fit("12345678𝄞tail", 10)).isEqualTo("12345678…");
		assertThat(AuditInbox.Row.fit("1234567𝄞tail", 10)).isEqualTo("1234567𝄞…");
	}

	@Test
	void storesANulAsAReplacementCharacter() {
		assertThat(AuditInbox.Row.fit("/a\0b\0", 10)).isEqualTo("/a\uFFFDb\uFFFD");
		assertThat(AuditInbox.Row.fit("\0".repeat(12), 10)).isEqualTo("\uFFFD".repeat(9) + "…");
	}

	@Test
	void anEntryIsCutToItsColumns() {
		var entry = new AuditEntry(new Actor("i".repeat(150), "n".repeat(250)), "a".repeat(70), "s".repeat(70),
				"r".repeat(400), 1L, Outcome.FAILED, "d".repeat(900));
		var row = AuditInbox.Row.of(entry, "c".repeat(150), Instant.EPOCH);
		assertThat(row.actorId()).hasSize(100);
		assertThat(row.actorName()).hasSize(200);
		assertThat(row.action()).hasSize(60);
		assertThat(row.namespace()).hasSize(63);
		assertThat(row.resource()).hasSize(200).endsWith("r…");
		assertThat(row.clientAddress()).hasSize(100);
		assertThat(row.detail()).hasSize(500);
	}

}
