package io.vaas.audit;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The end of the hash chain ({@code audit_events} after {@code audit_head}): events are
 * given the next places, each linked to the one before it, by a transaction that holds
 * the head's row, so every appender of every replica takes its turn.
 * {@link AuditSequencer} appends what waits in {@link AuditInbox}; {@link AuditBatches}
 * appends its queued events here directly, each written once.
 */
@Component
class AuditChain {

	private static final String INSERT = "insert into audit_events (seq, occurred_at, actor_id, actor_name, action, "
			+ "namespace, resource, version, client_address, outcome, detail, prev_hash, hash) "
			+ "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private final JdbcTemplate jdbc;

	AuditChain(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** The chain's last place and hash, locked until the current transaction ends. */
	record Head(long lastSeq, byte @Nullable [] lastHash) {
	}

	/** Locks the head in the current transaction, which must be open. */
	Head lock() {
		return Objects
			.requireNonNull(jdbc.queryForObject("select last_seq, last_hash from audit_head where id = 1 for update",
					(rs, n) -> new Head(rs.getLong(1), rs.getBytes(2))));
	}

	/** Appends the events in their order after the head locked in this transaction. */
	void append(Head head, List<AuditInbox.Row> rows) {
		if (rows.isEmpty()) {
			return;
		}
		var events = new ArrayList<AuditEvent>(rows.size());
		var seq = head.lastSeq();
		var prev = head.lastHash() == null ? HashChain.GENESIS : head.lastHash();
		for (var row : rows) {
			var event = new AuditEvent(++seq, row, prev);
			events.add(event);
			prev = event.hash();
		}
		jdbc.batchUpdate(INSERT, new BatchPreparedStatementSetter() {
			@Override
			public void setValues(PreparedStatement statement, int i) throws SQLException {
				var event = events.get(i);
				statement.setLong(1, event.seq());
				AuditInbox.bind(statement, 2, rows.get(i));
				statement.setBytes(12, event.prevHash());
				statement.setBytes(13, event.hash());
			}

			@Override
			public int getBatchSize() {
				return events.size();
			}
		});
		jdbc.update("update audit_head set last_seq = ?, last_hash = ? where id = 1", seq, prev);
	}

}
