package io.vaas.audit;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chain's encoding is what every stored hash was made with: hashes already in a
 * database must still verify after any change to how it is computed.
 */
class HashChainUnitTests {

	private static final Instant AT = Instant.parse("2026-12-07T05:30:00.123456Z");

	@Test
	void hashesAnEventAsTheChainAlwaysHas() {
		var first = new AuditEvent(1, new AuditInbox.Row(7, AT, "op-1", "admin", "config.write", "team-a", "app", 3L,
				"10.0.0.1", "success", "é ünïcode"), HashChain.GENESIS);
		var second = new AuditEvent(2, new AuditInbox.Row(8, AT, "agent", "session-1", "bundle.fetch", null, null, null,
				null, "refused", null), first.hash());

		assertThat(HashChain.hex(first.hash()))
			.isEqualTo("bcd9c346265081b8b37ace98044abc1f85356158c08af3d32aa9268834bfd981");
		assertThat(HashChain.hex(second.hash()))
			.isEqualTo("d7b46d1f15a5cbc55808bf5d8a022856bc2a4ec48f0c22de3fefd1aa710c0c8d");
	}

	@Test
	void anyFieldChangesTheHash() {
		var row = new AuditInbox.Row(7, AT, "op-1", "admin", "config.write", "team-a", "app", 3L, "10.0.0.1", "success",
				null);
		var moved = new AuditInbox.Row(7, AT, "op-1", "admin", "config.write", "team-ap", "p", 3L, "10.0.0.1",
				"success", null);
		var empty = new AuditInbox.Row(7, AT, "op-1", "admin", "config.write", "team-a", "app", 3L, "10.0.0.1",
				"success", "");

		var hash = new AuditEvent(1, row, HashChain.GENESIS).hash();
		assertThat(new AuditEvent(1, moved, HashChain.GENESIS).hash()).as("a byte moved between two fields")
			.isNotEqualTo(hash);
		assertThat(new AuditEvent(1, empty, HashChain.GENESIS).hash()).as("an empty detail is not a missing one")
			.isNotEqualTo(hash);
		assertThat(new AuditEvent(2, row, HashChain.GENESIS).hash()).as("another place").isNotEqualTo(hash);
	}

}
