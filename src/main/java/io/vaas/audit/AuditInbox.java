package io.vaas.audit;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Events committed with what they record but not yet given their place in the hash chain
 * ({@code audit_inbox}). An insert here takes no lock shared with other writers, so
 * requests no longer queue on the chain's head; {@link AuditSequencer} moves the rows
 * into the chain in batches.
 */
@Component
class AuditInbox {

	private static final String INSERT = "insert into audit_inbox (occurred_at, actor_id, actor_name, action, "
			+ "namespace, resource, version, client_address, outcome, detail) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private final JdbcTemplate jdbc;

	AuditInbox(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** One event as it waits: what the entry said, when and from where. */
	record Row(long id, Instant occurredAt, String actorId, String actorName, String action, @Nullable String namespace,
			@Nullable String resource, @Nullable Long version, @Nullable String clientAddress, String outcome,
			@Nullable String detail) {

		/**
		 * The entry cut to its columns' sizes, so no value (a refused request's long
		 * path, say) can fail the insert, and with it every event of its batch.
		 */
		static Row of(AuditEntry entry, @Nullable String clientAddress, Instant at) {
			return new Row(0, at, fit(entry.actor().id(), 100), fit(entry.actor().name(), 200), fit(entry.action(), 60),
					fit(entry.namespace(), 63), fit(entry.resource(), 200), entry.version(), fit(clientAddress, 100),
					entry.outcome().label(), fit(entry.detail(), 500));
		}

		/**
		 * At most {@code max} characters; a longer value ends in "…", no pair split. A
		 * NUL, which PostgreSQL's text cannot hold, is stored as U+FFFD.
		 */
		static @Nullable String fit(@Nullable String value, int max) {
			if (value == null) {
				return null;
			}
			var text = value.indexOf('\0') < 0 ? value : value.replace('\0', '\uFFFD');
			if (text.length() <= max) {
				return text;
			}
			var end = max - 1;
			if (Character.isHighSurrogate(text.charAt(end - 1))) {
				end--;
			}
			return text.substring(0, end) + "…";
		}

	}

	/** Inserts in the current transaction (the caller's, if one is open). */
	void add(Row row) {
		jdbc.update(INSERT, statement -> bind(statement, 1, row));
	}

	/** Inserts in the current transaction, in one batch. */
	void addAll(List<Row> rows) {
		jdbc.batchUpdate(INSERT, rows, rows.size(), (statement, row) -> bind(statement, 1, row));
	}

	/**
	 * Whether any event waits, committed or not yet visible; no lock. Read through the
	 * primary key's index: the rows the sequencer deleted stay in the table's pages until
	 * a vacuum, so a scan of the table would read them all (about 0.5 ms with a minute's
	 * exchanges, every round).
	 */
	boolean anyWaiting() {
		return Boolean.TRUE
			.equals(jdbc.query("select 1 from audit_inbox order by id fetch first 1 rows only", ResultSet::next));
	}

	/** The oldest committed events, by id: call it while holding the chain's head. */
	List<Row> oldest(int limit) {
		return jdbc.query("select * from audit_inbox order by id fetch first ? rows only", AuditInbox::row, limit);
	}

	long count() {
		var count = jdbc.queryForObject("select count(*) from audit_inbox", Long.class);
		return count == null ? 0 : count;
	}

	void remove(List<Row> rows) {
		jdbc.update("delete from audit_inbox where id = any (?)",
				(Object) rows.stream().map(Row::id).toArray(Long[]::new));
	}

	/**
	 * Binds the event's ten fields, in the inbox's column order, from parameter
	 * {@code first} on (the chain's insert puts its sequence number before them).
	 */
	static void bind(PreparedStatement statement, int first, Row row) throws SQLException {
		var at = first;
		statement.setObject(at++, OffsetDateTime.ofInstant(row.occurredAt(), ZoneOffset.UTC));
		statement.setString(at++, row.actorId());
		statement.setString(at++, row.actorName());
		statement.setString(at++, row.action());
		statement.setString(at++, row.namespace());
		statement.setString(at++, row.resource());
		if (row.version() == null) {
			statement.setNull(at++, Types.BIGINT);
		}
		else {
			statement.setLong(at++, row.version());
		}
		statement.setString(at++, row.clientAddress());
		statement.setString(at++, row.outcome());
		statement.setString(at, row.detail());
	}

	private static Row row(ResultSet rs, int number) throws SQLException {
		var stored = rs.getLong("version");
		var version = rs.wasNull() ? null : stored;
		return new Row(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
				rs.getString("actor_id"), rs.getString("actor_name"), rs.getString("action"), rs.getString("namespace"),
				rs.getString("resource"), version, rs.getString("client_address"), rs.getString("outcome"),
				rs.getString("detail"));
	}

}
